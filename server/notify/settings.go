package notify

import (
	"fmt"
	"log/slog"
	"net"
	"strconv"
	"strings"
	"unicode"

	"coffre/server/store"
)

// TLS modes of the SMTP connection.
const (
	TLSNone     = "none"     // plain SMTP; a password is then only sent to localhost
	TLSStartTLS = "starttls" // plain, then STARTTLS, required
	TLSImplicit = "tls"      // TLS from the first byte (usually port 465)
)

// Error codes of Validate beyond the store's, for the panel to translate.
const (
	CodeInvalidTLS   = "invalid_tls"
	CodeInsecureAuth = "insecure_auth"
)

// Settings are the host's SMTP settings. The password is never serialized to JSON nor
// printed: the store keeps it sealed (Save), String and LogValue leave it out.
type Settings struct {
	Host        string `json:"host"`
	Port        int    `json:"port"`
	TLS         string `json:"tls"` // TLSNone, TLSStartTLS or TLSImplicit
	User        string `json:"user,omitempty"`
	Password    []byte `json:"-"`
	HasPassword bool   `json:"hasPassword"` // set by Load, for the panel
	From        string `json:"from"`        // the sender's bare address
}

// String describes the settings without the password.
func (s Settings) String() string {
	user := ""
	if s.User != "" {
		user = s.User + "@"
	}
	return fmt.Sprintf("smtp %s%s:%d tls=%s from=%s password=%t", user, s.Host, s.Port, s.TLS, s.From, len(s.Password) > 0)
}

// GoString is String, so that %#v does not print the password either.
func (s Settings) GoString() string { return s.String() }

// LogValue is what slog records: everything but the password.
func (s Settings) LogValue() slog.Value {
	return slog.GroupValue(slog.String("host", s.Host), slog.Int("port", s.Port), slog.String("tls", s.TLS),
		slog.String("user", s.User), slog.String("from", s.From), slog.Bool("password", len(s.Password) > 0))
}

func invalid(code, field, msg string, args ...string) *store.Error {
	return &store.Error{Code: code, Field: field, Msg: msg, Args: args}
}

// Validate checks the settings and returns the first problem as a *store.Error naming the
// field: host (a host name or an IP address), port (1 to 65535), tls, user and password (no
// control characters: CR and LF anywhere are refused), from (a bare address). A password
// over a plain connection is refused unless the host is the local machine.
func (s Settings) Validate() error {
	if !validHost(s.Host) {
		return invalid(store.CodeInvalidDomain, "host", "invalid SMTP host "+strconv.Quote(s.Host)+
			": use a host name such as mail.example.com or an IP address", s.Host)
	}
	if s.Port < 1 || s.Port > 65535 {
		return invalid(store.CodeInvalidPort, "port", "invalid SMTP port "+strconv.Itoa(s.Port)+": use 1 to 65535",
			strconv.Itoa(s.Port))
	}
	if s.TLS != TLSNone && s.TLS != TLSStartTLS && s.TLS != TLSImplicit {
		return invalid(CodeInvalidTLS, "tls", "invalid TLS mode "+strconv.Quote(s.TLS)+": use none, starttls or tls", s.TLS)
	}
	if len(s.User) > 255 || strings.ContainsFunc(s.User, unicode.IsControl) {
		return invalid(store.CodeInvalidText, "user", "invalid SMTP user: at most 255 bytes, no control characters", "255")
	}
	if len(s.Password) > 1024 || strings.ContainsFunc(string(s.Password), unicode.IsControl) {
		return invalid(store.CodeInvalidText, "password", "invalid SMTP password: at most 1024 bytes, no control characters", "1024")
	}
	if len(s.Password) > 0 && s.User == "" {
		return invalid(store.CodeRequired, "user", "an SMTP password needs a user")
	}
	if s.User != "" && s.TLS == TLSNone && !isLocal(s.Host) {
		return invalid(CodeInsecureAuth, "tls", "the SMTP password would cross the network in clear: use starttls or tls, or a server on this machine")
	}
	return store.ValidateEmail("from", s.From)
}

// validHost accepts a host name of letters, digits, '-' and '.', or an IP address.
func validHost(h string) bool {
	if net.ParseIP(h) != nil {
		return true
	}
	if h == "" || len(h) > 253 {
		return false
	}
	for label := range strings.SplitSeq(h, ".") {
		if label == "" || len(label) > 63 || label[0] == '-' || label[len(label)-1] == '-' {
			return false
		}
		for _, c := range []byte(label) {
			if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-') {
				return false
			}
		}
	}
	return true
}

// isLocal is go-mail's own rule for sending a password without TLS.
func isLocal(h string) bool { return h == "localhost" || h == "127.0.0.1" || h == "::1" }
