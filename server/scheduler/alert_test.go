package scheduler

import (
	"errors"
	"io"
	"net"
	"net/mail"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-smtp"

	"coffre/engine/schedule"
	"coffre/server/keys"
	"coffre/server/notify"
)

// mailbox is a real SMTP server on 127.0.0.1 that keeps what it receives.
type mailbox struct {
	mu   sync.Mutex
	msgs []*mail.Message
	rcpt []string
}

func (m *mailbox) NewSession(*smtp.Conn) (smtp.Session, error) { return &smtpSession{m: m}, nil }

type smtpSession struct{ m *mailbox }

func (s *smtpSession) Mail(string, *smtp.MailOptions) error { return nil }
func (s *smtpSession) Rcpt(to string, _ *smtp.RcptOptions) error {
	s.m.mu.Lock()
	s.m.rcpt = append(s.m.rcpt, to)
	s.m.mu.Unlock()
	return nil
}
func (s *smtpSession) Data(r io.Reader) error {
	msg, err := mail.ReadMessage(r)
	if err != nil {
		return err
	}
	body, _ := io.ReadAll(msg.Body)
	msg.Body = strings.NewReader(string(body))
	s.m.mu.Lock()
	s.m.msgs = append(s.m.msgs, msg)
	s.m.mu.Unlock()
	return nil
}
func (s *smtpSession) Reset()        {}
func (s *smtpSession) Logout() error { return nil }

func (m *mailbox) count() int { m.mu.Lock(); defer m.mu.Unlock(); return len(m.msgs) }

func startMailbox(t *testing.T) (*mailbox, int) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	m := &mailbox{}
	srv := smtp.NewServer(m)
	srv.Domain = "localhost"
	go srv.Serve(l)
	t.Cleanup(func() { srv.Close() })
	return m, l.Addr().(*net.TCPAddr).Port
}

// A daily schedule whose runs fail mails the administrator once, when it has not succeeded
// for two days, through a real SMTP server.
func TestFailingScheduleMailsTheAdministrator(t *testing.T) {
	e := newEnv(t, 2, time.Date(2026, 11, 24, 11, 0, 0, 0, time.UTC))
	box, port := startMailbox(t)
	k, err := keys.Load(e.st.Dir())
	if err != nil {
		t.Fatal(err)
	}
	if err := notify.Save(e.st, k, notify.Settings{Host: "127.0.0.1", Port: port, TLS: notify.TLSNone, From: "coffre@host.example"}); err != nil {
		t.Fatal(err)
	}
	if err := SetAlerts(e.st, Alerts{To: "admin@host.example"}); err != nil {
		t.Fatal(err)
	}
	e.alert = MailAlert(e.st, k, e.loc)
	e.exec.err = errors.New("the storage is full")
	e.set("acme", "default", schedule.When{Every: schedule.Daily, At: "02:00"})

	var first string
	a := paris(e, "2026-11-24 12:00")
	for at := a; at.Before(paris(e, "2026-11-28 12:00")); at = at.Add(10 * time.Minute) {
		for _, r := range e.at(at.In(e.loc).Format("2006-01-02 15:04")) {
			e.wait(r.ID)
		}
		if box.count() > 0 && first == "" {
			first = at.In(e.loc).Format("2006-01-02 15:04")
		}
	}
	if first != "2026-11-26 12:00" {
		t.Errorf("first alert at %q, want 2026-11-26 12:00 (two days after the schedule was set)", first)
	}
	if n := box.count(); n != 1 {
		t.Fatalf("%d alerts, want 1 (once per run of failures)", n)
	}
	msg := box.msgs[0]
	body, _ := io.ReadAll(msg.Body)
	if box.rcpt[0] != "admin@host.example" || !strings.Contains(msg.Header.Get("Subject"), "acme") ||
		!strings.Contains(string(body), "daily at 02:00") {
		t.Errorf("alert to %v: %q\n%s", box.rcpt, msg.Header.Get("Subject"), body)
	}
}
