package ftp

import (
	"encoding/hex"
	"errors"
	"fmt"
	"net/netip"
	"strings"
	"time"
)

// TLSMode is how the connection to the server is encrypted.
type TLSMode string

// The encryptions a server may offer.
const (
	TLSNone     TLSMode = "none"     // plain FTP: login and data in clear
	TLSExplicit TLSMode = "explicit" // AUTH TLS on the usual port (21), data connections in TLS
	TLSImplicit TLSMode = "implicit" // TLS from the first byte (usually port 990)
)

// DefaultTimeout bounds each network operation when Config.Timeout is 0.
const DefaultTimeout = 30 * time.Second

// Config says how to reach a client's FTP storage.
type Config struct {
	Host     string
	Port     int // 0 = 21, or 990 with implicit TLS
	User     string
	Password string
	Dir      string // folder on the server, created if missing ("" = the login folder)
	TLS      TLSMode
	// Fingerprint is the SHA-256 of the server certificate, in hex (colons allowed); when set
	// it is trusted instead of the system roots (a self-signed certificate).
	Fingerprint string
	// Timeout bounds every network read, write and dial: a server silent that long fails the
	// step. 0 = DefaultTimeout.
	Timeout time.Duration
	// Guard, when set, is asked about the address of every connection once its name is
	// resolved and before it is made (control and data alike, so that no later answer of the
	// DNS leads elsewhere); an error refuses the connection and is wrapped with
	// ErrAddressRefused.
	Guard func(netip.Addr) error
}

// ErrConfig is wrapped by every error of Validate.
var ErrConfig = errors.New("invalid FTP settings")

// FieldError is one setting refused by Validate, for the panel to show beside its field.
type FieldError struct {
	Field string // "host", "port", "login", "password", "folder", "encryption", "fingerprint", "timeout"
	Code  string // "empty", "invalid", "control_character", "too_long"
	Why   string // in English
}

func (e *FieldError) Error() string        { return fmt.Sprintf("%v: %s %s", ErrConfig, e.Field, e.Why) }
func (e *FieldError) Is(target error) bool { return target == ErrConfig }

// Validate checks the settings before anything reaches the network: no control character
// (CR, LF, NUL...) may reach the control connection.
func (c Config) Validate() error {
	var errs []error
	bad := func(field, code, why string) { errs = append(errs, &FieldError{Field: field, Code: code, Why: why}) }
	host := strings.TrimSpace(c.Host)
	switch {
	case host == "":
		bad("host", "empty", "is empty")
	case hasControl(host):
		bad("host", "control_character", "contains a control character (line break, NUL...)")
	case strings.ContainsAny(host, " /\\@") || len(host) > 253:
		bad("host", "invalid", "must be a host name or an IP address")
	}
	if c.Port < 0 || c.Port > 65535 {
		bad("port", "invalid", "must be between 1 and 65535")
	}
	if c.User == "" {
		bad("login", "empty", "is empty")
	}
	for _, f := range []struct{ name, v string }{{"login", c.User}, {"password", c.Password}, {"folder", c.Dir}} {
		if hasControl(f.v) {
			bad(f.name, "control_character", "contains a control character (line break, NUL...)")
		}
		if len(f.v) > 1024 {
			bad(f.name, "too_long", "is too long")
		}
	}
	switch c.TLS {
	case "", TLSNone, TLSExplicit, TLSImplicit:
	default:
		bad("encryption", "invalid", `must be "none", "explicit" or "implicit"`)
	}
	if c.Fingerprint != "" {
		if _, err := ParseFingerprint(c.Fingerprint); err != nil {
			bad("fingerprint", "invalid", err.Error())
		}
	}
	if c.Timeout < 0 {
		bad("timeout", "invalid", "is negative")
	}
	return errors.Join(errs...)
}

// hasControl reports a C0 control character or DEL (CR, LF and NUL among them).
func hasControl(s string) bool {
	return strings.ContainsFunc(s, func(r rune) bool { return r < 0x20 || r == 0x7f })
}

// ParseFingerprint reads a SHA-256 fingerprint written in hex, with or without colons, in
// either case, and returns it in lower-case hex without colons.
func ParseFingerprint(s string) (string, error) {
	h := strings.ToLower(strings.ReplaceAll(strings.TrimSpace(s), ":", ""))
	b, err := hex.DecodeString(h)
	if err != nil || len(b) != 32 {
		return "", errors.New("must be 64 hexadecimal digits (a SHA-256)")
	}
	return h, nil
}

// withDefaults fills the port, encryption and timeout.
func (c Config) withDefaults() Config {
	c.Host = strings.TrimSpace(c.Host)
	if c.TLS == "" {
		c.TLS = TLSNone
	}
	if c.Port == 0 {
		c.Port = 21
		if c.TLS == TLSImplicit {
			c.Port = 990
		}
	}
	if c.Timeout == 0 {
		c.Timeout = DefaultTimeout
	}
	if c.Fingerprint != "" {
		c.Fingerprint, _ = ParseFingerprint(c.Fingerprint)
	}
	return c
}
