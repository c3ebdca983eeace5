package cli

import (
	"io"
	"mime"
	"net"
	"net/mail"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/emersion/go-smtp"

	"coffre/server/store"
)

// inbox is a real SMTP server on loopback that keeps the subjects and bodies it receives.
type inbox struct {
	port int
	mu   sync.Mutex
	msgs []string // "To: ...\nSubject: ...\n\nbody"
}

func startInbox(t *testing.T) *inbox {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	in := &inbox{port: l.Addr().(*net.TCPAddr).Port}
	srv := smtp.NewServer(smtp.BackendFunc(func(*smtp.Conn) (smtp.Session, error) { return &inboxSession{in: in}, nil }))
	srv.Domain = "localhost"
	go srv.Serve(l)
	t.Cleanup(func() { srv.Close() })
	return in
}

func (in *inbox) received() []string {
	in.mu.Lock()
	defer in.mu.Unlock()
	return append([]string(nil), in.msgs...)
}

type inboxSession struct{ in *inbox }

func (*inboxSession) Mail(string, *smtp.MailOptions) error { return nil }
func (*inboxSession) Rcpt(string, *smtp.RcptOptions) error { return nil }
func (*inboxSession) Reset()                               {}
func (*inboxSession) Logout() error                        { return nil }

func (s *inboxSession) Data(r io.Reader) error {
	m, err := mail.ReadMessage(r)
	if err != nil {
		return err
	}
	body, _ := io.ReadAll(m.Body)
	subject, _ := new(mime.WordDecoder).DecodeHeader(m.Header.Get("Subject"))
	s.in.mu.Lock()
	defer s.in.mu.Unlock()
	s.in.msgs = append(s.in.msgs, "To: "+m.Header.Get("To")+"\nSubject: "+subject+"\n\n"+string(body))
	return nil
}

func TestSMTPSettingsAndTaskMail(t *testing.T) {
	dir := demoData(t)
	in := startInbox(t)
	pwFile := filepath.Join(t.TempDir(), "pw")
	os.WriteFile(pwFile, []byte("s3cret-relay-pw\n"), 0o600)
	port := strconv.Itoa(in.port)
	if r := run(t, dir, "", "smtp", "set", "--host", "mail.example.com", "--tls", "none", "--user", "coffre",
		"--password-file", pwFile, "--from", "coffre@host.example"); r.code != 1 || !strings.Contains(r.stderr, "in clear") {
		t.Errorf("a password in clear to a remote host: exit %d: %s", r.code, r.stderr)
	}
	if r := run(t, dir, "", "smtp", "set", "--host", "localhost", "--from", "x@y.z\r\nBcc: a@b.c"); r.code != 1 {
		t.Errorf("a sender with CR LF: exit %d: %s", r.code, r.stderr)
	}
	r := mustRun(t, dir, "smtp", "set", "--host", "127.0.0.1", "--port", port, "--tls", "none", "--user", "coffre",
		"--password-file", pwFile, "--from", "coffre@host.example")
	show := mustRun(t, dir, "smtp", "show", "--json")
	db, _ := os.ReadFile(filepath.Join(dir, store.FileName))
	for what, text := range map[string]string{"set": r.stdout, "show": show.stdout, "store": string(db)} {
		if strings.Contains(text, "s3cret-relay-pw") {
			t.Errorf("%s shows the SMTP password", what)
		}
	}
	if !strings.Contains(show.stdout, `"hasPassword": true`) {
		t.Errorf("smtp show --json = %s", show.stdout)
	}
	// The relay takes no AUTH: keep the settings without user for the mails.
	mustRun(t, dir, "smtp", "set", "--host", "127.0.0.1", "--port", port, "--tls", "none", "--from", "coffre@host.example")
	if r := mustRun(t, dir, "smtp", "test", "--to", "admin@host.example"); !strings.Contains(r.stdout, "test mail sent") {
		t.Errorf("smtp test: %s", r.stdout)
	}
	mustRun(t, dir, "backup", "bistro", "--websites-only", "--notify", "julien@bistro-du-port.example")
	got := in.received()
	if len(got) != 2 || !strings.Contains(got[0], "test mail") || !strings.Contains(got[1], "To: <julien@bistro-du-port.example>") {
		t.Fatalf("mails received: %q", got)
	}
	if !strings.Contains(got[1], "Sauvegarde") && !strings.Contains(got[1], "sauvegarde") {
		t.Errorf("bistro's mail is not in French:\n%s", got[1])
	}
}

func TestTaskMailFailureDoesNotFailTheBackup(t *testing.T) {
	dir := demoData(t)
	l, _ := net.Listen("tcp", "127.0.0.1:0")
	port := strconv.Itoa(l.Addr().(*net.TCPAddr).Port)
	l.Close() // nothing listens there any more
	mustRun(t, dir, "smtp", "set", "--host", "127.0.0.1", "--port", port, "--tls", "none", "--from", "coffre@host.example")
	r := mustRun(t, dir, "backup", "acme", "--no-mail", "--notify", "claire@acme.example")
	if !strings.Contains(r.stderr, "the mail to claire@acme.example was not sent") {
		t.Errorf("stderr: %s", r.stderr)
	}
	if r := run(t, dir, "", "smtp", "test", "--to", "claire@acme.example"); r.code != 1 {
		t.Errorf("smtp test to a closed port: exit %d", r.code)
	}
}
