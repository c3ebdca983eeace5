package e2e

import (
	"bytes"
	"encoding/base64"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net"
	"net/mail"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-smtp"
)

// mailbox is an SMTP server run by the test on 127.0.0.1: every message it accepts comes out
// of its channel.
type mailbox struct {
	addr     *net.TCPAddr
	messages chan received
}

// received is one message as the SMTP server got it.
type received struct {
	From    string
	To      []string
	Subject string
	Body    string // the text, decoded
}

// startMailbox starts the SMTP server; it stops with the test.
func startMailbox(t *testing.T) *mailbox {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	m := &mailbox{addr: l.Addr().(*net.TCPAddr), messages: make(chan received, 16)}
	s := smtp.NewServer(m)
	s.Domain = "localhost"
	s.ReadTimeout, s.WriteTimeout = 10*time.Second, 10*time.Second
	go s.Serve(l)
	t.Cleanup(func() { s.Close() })
	return m
}

// wait returns the next message, or fails the test after timeout.
func (m *mailbox) wait(t *testing.T, what string, timeout time.Duration) received {
	t.Helper()
	select {
	case r := <-m.messages:
		return r
	case <-time.After(timeout):
		t.Fatalf("no mail for %s within %v\nserver output:\n%s", what, timeout, activeLog())
		return received{}
	}
}

func (m *mailbox) NewSession(*smtp.Conn) (smtp.Session, error) { return &smtpSession{box: m}, nil }

type smtpSession struct {
	box  *mailbox
	from string
	to   []string
}

func (s *smtpSession) Mail(from string, _ *smtp.MailOptions) error { s.from = from; return nil }
func (s *smtpSession) Rcpt(to string, _ *smtp.RcptOptions) error   { s.to = append(s.to, to); return nil }
func (s *smtpSession) Reset()                                      { s.from, s.to = "", nil }
func (s *smtpSession) Logout() error                               { return nil }

func (s *smtpSession) Data(r io.Reader) error {
	raw, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	s.box.messages <- decodeMail(s.from, s.to, raw)
	return nil
}

// decodeMail reads the subject and the text of a message, whatever its encodings.
func decodeMail(from string, to []string, raw []byte) received {
	r := received{From: from, To: to, Body: string(raw)}
	msg, err := mail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		return r
	}
	dec := new(mime.WordDecoder)
	if s, err := dec.DecodeHeader(msg.Header.Get("Subject")); err == nil {
		r.Subject = s
	}
	r.Body = textOf(msg.Header.Get("Content-Type"), msg.Header.Get("Content-Transfer-Encoding"), msg.Body)
	return r
}

// textOf decodes a body: quoted-printable or base64 parts, the parts of a multipart joined.
func textOf(contentType, encoding string, body io.Reader) string {
	mediaType, params, _ := mime.ParseMediaType(contentType)
	if strings.HasPrefix(mediaType, "multipart/") {
		var out strings.Builder
		mr := multipart.NewReader(body, params["boundary"])
		for {
			p, err := mr.NextRawPart()
			if err != nil {
				return out.String()
			}
			out.WriteString(textOf(p.Header.Get("Content-Type"), p.Header.Get("Content-Transfer-Encoding"), p))
		}
	}
	switch strings.ToLower(encoding) {
	case "quoted-printable":
		body = quotedprintable.NewReader(body)
	case "base64":
		b, _ := io.ReadAll(body)
		return decodeBase64(b)
	}
	b, _ := io.ReadAll(body)
	return string(b)
}

func decodeBase64(b []byte) string {
	clean := strings.Join(strings.Fields(string(b)), "")
	out, err := base64.StdEncoding.DecodeString(clean)
	if err != nil {
		return string(b)
	}
	return string(out)
}
