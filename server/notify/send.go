package notify

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/wneessen/go-mail"

	"coffre/server/store"
)

// Timeout bounds each step of an SMTP conversation (dial, each command).
const Timeout = 30 * time.Second

// MaxSubject is the longest subject Send accepts, in bytes.
const MaxSubject = 998

// Send mails body (plain text, UTF-8) to the bare address to, with subject, through the SMTP
// server of s. The address and the subject are checked before any connection: a CR or LF, or
// anything but a bare address, is refused. The error names the recipient and the server,
// never the password.
func Send(ctx context.Context, s Settings, to, subject, body string) error {
	if err := s.Validate(); err != nil {
		return err
	}
	if err := checkHeaders(to, subject); err != nil {
		return err
	}
	msg, err := message(s.From, to, subject, body)
	if err != nil {
		return fmt.Errorf("mail to %s: %w", to, err)
	}
	c, err := mail.NewClient(s.Host, clientOptions(s)...)
	if err != nil {
		return redact(fmt.Errorf("mail to %s via %s:%d: %w", to, s.Host, s.Port, err), s.Password)
	}
	if err := c.DialAndSendWithContext(ctx, msg); err != nil {
		return redact(fmt.Errorf("mail to %s via %s:%d: %w", to, s.Host, s.Port, err), s.Password)
	}
	return nil
}

// checkHeaders refuses an address or a subject that could add a header or an SMTP command.
func checkHeaders(to, subject string) error {
	if strings.ContainsAny(to, "\r\n") {
		return invalid(store.CodeInvalidEmail, "to", "invalid email address "+strconv.Quote(to)+": no line breaks", to)
	}
	if err := store.ValidateEmail("to", to); err != nil {
		return err
	}
	if subject == "" || len(subject) > MaxSubject || !utf8.ValidString(subject) || strings.ContainsFunc(subject, unicode.IsControl) {
		return invalid(store.CodeInvalidText, "subject", "invalid mail subject: one line of at most 998 bytes", "998")
	}
	return nil
}

func message(from, to, subject, body string) (*mail.Msg, error) {
	m := mail.NewMsg()
	if err := m.From(from); err != nil {
		return nil, err
	}
	if err := m.To(to); err != nil {
		return nil, err
	}
	m.Subject(subject)
	m.SetDate()
	m.SetMessageID()
	m.SetGenHeader("Auto-Submitted", "auto-generated")
	m.SetBodyString(mail.TypeTextPlain, body)
	return m, nil
}

func clientOptions(s Settings) []mail.Option {
	opts := []mail.Option{mail.WithPort(s.Port), mail.WithTimeout(Timeout)}
	switch s.TLS {
	case TLSNone:
		opts = append(opts, mail.WithTLSPolicy(mail.NoTLS))
	case TLSStartTLS:
		opts = append(opts, mail.WithTLSPolicy(mail.TLSMandatory))
	case TLSImplicit:
		opts = append(opts, mail.WithSSL())
	}
	if s.User != "" {
		opts = append(opts, mail.WithOpportunisticSMTPAuth(mail.SMTPAuthPlain, mail.SMTPAuthLogin),
			mail.WithUsername(s.User), mail.WithPassword(string(s.Password)))
	}
	return opts
}

// redact removes the password from an error's text, in case a server or a library echoed
// it; the cause is then dropped. Passwords shorter than 4 bytes are left alone: they would
// match ordinary words.
func redact(err error, password []byte) error {
	if len(password) < 4 || !strings.Contains(err.Error(), string(password)) {
		return err
	}
	return errors.New(strings.ReplaceAll(err.Error(), string(password), "[password]"))
}

// SendTest sends the test mail of the Settings page to the address to, in English and French.
func SendTest(ctx context.Context, s Settings, to string) error {
	subject := "Coffre: test mail / mail de test"
	body := "This is a test mail from Coffre: the SMTP settings work.\n\n" +
		"Ceci est un mail de test de Coffre : les réglages SMTP fonctionnent.\n\n" +
		"Server / Serveur : " + s.Host + ":" + strconv.Itoa(s.Port) + " (" + s.TLS + ")\n"
	return Send(ctx, s, to, subject, body)
}
