package ftp_test

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"net"
	"strings"
	"testing"
	"time"

	"coffre/engine/storage"
	"coffre/engine/storage/ftp"
	"coffre/engine/storage/ftp/ftptest"
)

func TestValidateRefusesControlCharacters(t *testing.T) {
	good := ftp.Config{Host: "ftp.example.com", User: "alice", Password: "pw", Dir: "backups", TLS: ftp.TLSExplicit}
	if err := good.Validate(); err != nil {
		t.Fatalf("valid settings refused: %v", err)
	}
	for _, bad := range []func(*ftp.Config){
		func(c *ftp.Config) { c.Host = "ftp.example.com\r\nDELE x" },
		func(c *ftp.Config) { c.User = "alice\nPASS x" },
		func(c *ftp.Config) { c.Password = "pw\r" },
		func(c *ftp.Config) { c.Dir = "a\x00b" },
		func(c *ftp.Config) { c.Host = "" },
		func(c *ftp.Config) { c.Port = 70000 },
		func(c *ftp.Config) { c.TLS = "ssl" },
		func(c *ftp.Config) { c.Fingerprint = "abc" },
	} {
		c := good
		bad(&c)
		err := c.Validate()
		var fe *ftp.FieldError
		if !errors.Is(err, ftp.ErrConfig) || !errors.As(err, &fe) || fe.Field == "" || fe.Code == "" {
			t.Errorf("%+v: %v, want a FieldError wrapping ErrConfig", c, err)
		}
		if _, err := ftp.New(t.Context(), c); !errors.Is(err, ftp.ErrConfig) {
			t.Errorf("New(%+v): %v, want ErrConfig before any connection", c, err)
		}
	}
}

func TestWrongPassword(t *testing.T) {
	srv := ftptest.NewServer(t, ftptest.Options{})
	cfg := srv.Config
	cfg.Password = "wrong"
	_, err := ftp.New(t.Context(), cfg)
	var re *ftp.ReplyError
	if !errors.As(err, &re) || re.Code != 530 || storage.IsTransient(err) {
		t.Fatalf("New with a wrong password: %v, want a permanent 530", err)
	}
	rep := ftp.Test(t.Context(), cfg)
	last := rep.Steps[len(rep.Steps)-1]
	if rep.OK() || last.Step != ftp.StepLogin || !errors.As(last.Err, &re) || !strings.Contains(last.Reply, "530") {
		t.Fatalf("Test: %+v, want the login step failed with the server's 530", rep.Steps)
	}
	if strings.Contains(last.Reply, "wrong") {
		t.Fatalf("the password leaked into the report: %q", last.Reply)
	}
}

func TestUnreachableHost(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().(*net.TCPAddr)
	l.Close()
	cfg := ftp.Config{Host: "127.0.0.1", Port: addr.Port, User: "a", Password: "b", Timeout: time.Second}
	if _, err := ftp.New(t.Context(), cfg); err == nil || !storage.IsTransient(err) {
		t.Fatalf("New on a closed port: %v, want a transient connection error", err)
	}
	rep := ftp.Test(t.Context(), cfg)
	if len(rep.Steps) != 1 || rep.Steps[0].Step != ftp.StepConnect || rep.Steps[0].OK {
		t.Fatalf("Test: %+v, want the connect step failed", rep.Steps)
	}
}

func TestConnectionTestSteps(t *testing.T) {
	srv := ftptest.NewServer(t, ftptest.Options{TLS: ftp.TLSExplicit})
	rep := ftp.Test(t.Context(), srv.Config)
	var steps []string
	for _, s := range rep.Steps {
		steps = append(steps, string(s.Step))
		if !s.OK {
			t.Errorf("step %s failed: %v (%s)", s.Step, s.Err, s.Reply)
		}
	}
	if got := strings.Join(steps, ","); got != "connect,tls,login,list,write,size,read,delete" || !rep.OK() {
		t.Fatalf("steps %s", got)
	}
	if rep.Fingerprint != srv.Cert.Fingerprint {
		t.Fatalf("fingerprint %q, want %q", rep.Fingerprint, srv.Cert.Fingerprint)
	}
	names, _ := srv.Fs.Open("/")
	if left, _ := names.Readdirnames(-1); len(left) != 0 {
		t.Fatalf("the probe was left: %q", left)
	}
}

// A self-signed certificate is refused without its fingerprint, and the report shows the
// fingerprint so that the user can accept it.
func TestUntrustedCertificate(t *testing.T) {
	srv := ftptest.NewServer(t, ftptest.Options{TLS: ftp.TLSExplicit})
	cfg := srv.Config
	cfg.Fingerprint = ""
	_, err := ftp.New(t.Context(), cfg)
	var ce *ftp.CertError
	if !errors.As(err, &ce) || ce.Fingerprint != srv.Cert.Fingerprint || storage.IsTransient(err) {
		t.Fatalf("New: %v, want a certificate error naming the fingerprint", err)
	}
	rep := ftp.Test(t.Context(), cfg)
	last := rep.Steps[len(rep.Steps)-1]
	if last.Step != ftp.StepTLS || last.OK || rep.Fingerprint != srv.Cert.Fingerprint {
		t.Fatalf("Test: %+v, fingerprint %q", rep.Steps, rep.Fingerprint)
	}
	cfg.Fingerprint = strings.Repeat("ab", 32)
	if _, err := ftp.New(t.Context(), cfg); !errors.Is(err, ftp.ErrFingerprint) {
		t.Fatalf("New with another fingerprint: %v, want ErrFingerprint", err)
	}
}

// A PASV reply that names another host is not followed: the data connection goes to the
// control connection's address. The server here is a script that refuses EPSV and SIZE.
func TestPasvElsewhereNotFollowed(t *testing.T) {
	s := open(t, scripted(t))
	infos, err := s.List(t.Context(), "")
	if err != nil || len(infos) != 1 || infos[0].Name != "a.tar.zst" {
		t.Fatalf("List = %+v, %v; want the listing sent on the control connection's address", infos, err)
	}
}

// A server without SIZE has the upload's size checked in its listing.
func TestServerWithoutSize(t *testing.T) {
	s := open(t, scripted(t))
	if n, err := s.Put(t.Context(), "b.tar.zst", strings.NewReader("twelve bytes")); err != nil || n != 12 {
		t.Fatalf("Put = %d, %v", n, err)
	}
}

// scripted starts a one-client scripted server and returns its settings.
func scripted(t *testing.T) ftp.Config {
	ctl, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	data, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ctl.Close(); data.Close() })
	go scriptedServer(ctl, data)
	return ftp.Config{Host: "127.0.0.1", Port: ctl.Addr().(*net.TCPAddr).Port, User: "u", Password: "p", Timeout: 5 * time.Second}
}

// scriptedServer answers one client: PASV names 192.0.2.7 (a host that does not answer) while
// its data listener is on loopback; SIZE is not implemented; one file, a.tar.zst, is listed,
// and the last upload under the name it was renamed to.
func scriptedServer(ctl, data net.Listener) {
	c, err := ctl.Accept()
	if err != nil {
		return
	}
	defer c.Close()
	port := data.Addr().(*net.TCPAddr).Port
	files := map[string]int{"a.tar.zst": 42}
	var from string
	r := bufio.NewReader(c)
	reply := func(s string) { c.Write([]byte(s + "\r\n")) }
	transfer := func(fn func(d net.Conn)) {
		reply("150 here it comes")
		d, err := data.Accept()
		if err != nil {
			return
		}
		fn(d)
		d.Close()
		reply("226 done")
	}
	reply("220 scripted")
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return
		}
		cmd, arg, _ := strings.Cut(strings.TrimSpace(line), " ")
		switch cmd {
		case "USER":
			reply("331 password please")
		case "PASS":
			reply("230 logged in")
		case "FEAT":
			reply("211 no features")
		case "TYPE", "NOOP":
			reply("200 ok")
		case "PASV":
			reply(fmt.Sprintf("227 Entering Passive Mode (192,0,2,7,%d,%d).", port/256, port%256))
		case "LIST":
			transfer(func(d net.Conn) {
				for name, size := range files {
					fmt.Fprintf(d, "-rw-r--r--   1 ftp ftp %d Nov 25 09:30 %s\r\n", size, name)
				}
			})
		case "STOR":
			transfer(func(d net.Conn) { b, _ := io.ReadAll(d); files[arg] = len(b) })
		case "RNFR":
			from = arg
			reply("350 ready")
		case "RNTO":
			files[arg] = files[from]
			delete(files, from)
			reply("250 renamed")
		case "QUIT":
			reply("221 bye")
			return
		default: // EPSV, SIZE...
			reply("502 not implemented")
		}
	}
}

// A server without TLS, asked for explicit FTPS: the TLS step fails with the server's words.
func TestExplicitTLSRefused(t *testing.T) {
	cfg := scripted(t)
	cfg.TLS = ftp.TLSExplicit
	rep := ftp.Test(t.Context(), cfg)
	last := rep.Steps[len(rep.Steps)-1]
	var re *ftp.ReplyError
	if last.Step != ftp.StepTLS || last.OK || !errors.As(last.Err, &re) || re.Code != 502 {
		t.Fatalf("Test: %+v", rep.Steps)
	}
}
