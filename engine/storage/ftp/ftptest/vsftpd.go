package ftptest

import (
	"bufio"
	"fmt"
	"math/rand/v2"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"coffre/engine/storage/ftp"
)

// Vsftpd is a vsftpd started by a test on loopback: anonymous login, writable folder Config.Dir
// under Root.
type Vsftpd struct {
	Config ftp.Config
	Root   string // the anonymous root; uploads land in Root/Config.Dir
	Cert   Cert
}

// VsftpdPath is where Debian installs vsftpd.
const VsftpdPath = "/usr/sbin/vsftpd"

// StartVsftpd starts vsftpd in the given mode, stopped when the test ends. A missing vsftpd
// fails the test: CI installs it.
func StartVsftpd(t testing.TB, mode ftp.TLSMode) *Vsftpd {
	t.Helper()
	v, stop, err := LaunchVsftpd(t.TempDir(), mode, SelfSigned(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(stop)
	return v
}

// LaunchVsftpd starts vsftpd with its files in dir (which must exist); stop ends it.
func LaunchVsftpd(dir string, mode ftp.TLSMode, cert Cert) (*Vsftpd, func(), error) {
	if _, err := os.Stat(VsftpdPath); err != nil {
		return nil, nil, fmt.Errorf("vsftpd is not installed (apt-get install vsftpd): %w", err)
	}
	v := &Vsftpd{Root: filepath.Join(dir, "root"), Cert: cert}
	for _, d := range []string{v.Root, filepath.Join(v.Root, "up"), filepath.Join(dir, "empty")} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			return nil, nil, err
		}
	}
	os.Chmod(filepath.Join(v.Root, "up"), 0o777)
	os.Chmod(v.Root, 0o555) // vsftpd refuses a writable anonymous root
	port, err := freePort()
	if err != nil {
		return nil, nil, err
	}
	conf, err := v.config(dir, port, mode)
	if err != nil {
		return nil, nil, err
	}
	cmd := exec.Command(VsftpdPath, conf)
	out := &strings.Builder{}
	cmd.Stdout, cmd.Stderr = out, out
	if err := cmd.Start(); err != nil {
		return nil, nil, fmt.Errorf("start vsftpd: %w", err)
	}
	stop := func() { cmd.Process.Kill(); cmd.Wait() }
	if err := waitBanner(port, mode); err != nil {
		stop()
		return nil, nil, fmt.Errorf("%w: %s", err, out.String())
	}
	v.Config = ftp.Config{Host: "127.0.0.1", Port: port, User: "anonymous", Password: "coffre@example.com",
		Dir: "up", TLS: mode}
	if mode != ftp.TLSNone {
		v.Config.Fingerprint = v.Cert.Fingerprint
	}
	return v, stop, nil
}

func (v *Vsftpd) config(dir string, port int, mode ftp.TLSMode) (string, error) {
	pasv := 20000 + rand.IntN(40000)
	lines := []string{"listen=YES", "listen_ipv6=NO", "listen_address=127.0.0.1",
		"listen_port=" + strconv.Itoa(port), "background=NO", "run_as_launching_user=YES",
		"seccomp_sandbox=NO", "anonymous_enable=YES", "local_enable=NO", "no_anon_password=YES",
		"anon_root=" + v.Root, "write_enable=YES", "anon_upload_enable=YES", "anon_mkdir_write_enable=YES",
		"anon_other_write_enable=YES", "anon_umask=022", "anon_world_readable_only=NO",
		"pasv_enable=YES", "port_enable=NO", fmt.Sprintf("pasv_min_port=%d", pasv),
		fmt.Sprintf("pasv_max_port=%d", pasv+200), "secure_chroot_dir=" + filepath.Join(dir, "empty"),
		"xferlog_enable=NO", "dirmessage_enable=NO", "use_localtime=NO"}
	if mode != ftp.TLSNone {
		cert, key := filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
		if err := os.WriteFile(cert, v.Cert.CertPEM, 0o600); err != nil {
			return "", err
		}
		if err := os.WriteFile(key, v.Cert.KeyPEM, 0o600); err != nil {
			return "", err
		}
		lines = append(lines, "ssl_enable=YES", "allow_anon_ssl=YES", "force_anon_logins_ssl=YES",
			"force_anon_data_ssl=YES", "rsa_cert_file="+cert, "rsa_private_key_file="+key,
			"require_ssl_reuse=YES", "ssl_ciphers=HIGH")
		if mode == ftp.TLSImplicit {
			lines = append(lines, "implicit_ssl=YES")
		}
	}
	conf := filepath.Join(dir, "vsftpd.conf")
	return conf, os.WriteFile(conf, []byte(strings.Join(lines, "\n")+"\n"), 0o600)
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// waitBanner waits until vsftpd accepts connections (and, in plain mode, greets).
func waitBanner(port int, mode ftp.TLSMode) error {
	addr := net.JoinHostPort("127.0.0.1", strconv.Itoa(port))
	for i := 0; i < 200; i++ {
		c, err := net.DialTimeout("tcp", addr, time.Second)
		if err == nil {
			ok := mode == ftp.TLSImplicit
			if !ok {
				c.SetReadDeadline(time.Now().Add(2 * time.Second))
				line, _ := bufio.NewReader(c).ReadString('\n')
				ok = strings.HasPrefix(line, "220")
			}
			c.Close()
			if ok {
				return nil
			}
		}
		time.Sleep(25 * time.Millisecond)
	}
	return fmt.Errorf("vsftpd did not start on %s", addr)
}
