package spec

import (
	"net/netip"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// TLS modes of a personal FTP storage.
const (
	FTPTLSNone     = "none"     // plain FTP: the password crosses the network in clear
	FTPTLSExplicit = "explicit" // AUTH TLS on the usual port (21), required
	FTPTLSImplicit = "implicit" // TLS from the first byte (usually port 990)
)

// Bounds of the FTP settings.
const (
	MaxFTPUser     = 255
	MaxFTPPassword = 1024
	MaxFTPDir      = 1024
)

// Error codes of FTP.Validate, for the panel to translate (see Codes).
const (
	CodeFTPHost        = "ftp_invalid_host"        // not a host name or an IP address
	CodeFTPPort        = "ftp_invalid_port"        // Args [min, max]
	CodeFTPTLS         = "ftp_invalid_tls"         // not none, explicit or implicit
	CodeFTPLineBreak   = "ftp_line_break"          // CR, LF or NUL: would end the FTP command
	CodeFTPControl     = "ftp_control_char"        // another control character, or bytes that are not UTF-8
	CodeFTPTooLong     = "ftp_too_long"            // Args [max bytes]
	CodeFTPFingerprint = "ftp_invalid_fingerprint" // not 64 hexadecimal digits (colons allowed)
)

// FTP is a client's personal FTP storage settings as a form or the CLI gives them. Password is
// carried only on the way in: the server keeps it sealed and never returns it.
type FTP struct {
	Host        string `json:"host"`
	Port        int    `json:"port"`
	User        string `json:"user"`
	Password    string `json:"password,omitempty"`
	Dir         string `json:"dir,omitempty"`         // the folder on the server; "" is the login folder
	TLS         string `json:"tls"`                   // FTPTLSNone, FTPTLSExplicit or FTPTLSImplicit
	Fingerprint string `json:"fingerprint,omitempty"` // SHA-256 of a self-signed certificate to trust, hex
}

// Validate checks the settings and reports every problem at once: nil, or Errors. The panel
// runs it as the user types, the server before anything is stored, the CLI before the store.
// CR, LF and NUL are refused in every text before they could reach the control connection.
// Fields and codes:
//   - host: required, ftp_line_break, ftp_invalid_host (a host name or an IP address).
//   - port: ftp_invalid_port, Args ["1", "65535"].
//   - user: required, ftp_line_break, ftp_control_char, ftp_too_long Args ["255"].
//   - password: ftp_line_break, ftp_control_char, ftp_too_long Args ["1024"]. Whether one is
//     required (none kept yet) is the server's check.
//   - dir: ftp_line_break, ftp_control_char, ftp_too_long Args ["1024"].
//   - tls: ftp_invalid_tls. fingerprint: ftp_invalid_fingerprint.
func (f FTP) Validate() error {
	var es Errors
	switch {
	case f.Host == "":
		es.add("host", CodeRequired)
	case hasLineBreak(f.Host):
		es.add("host", CodeFTPLineBreak)
	case !validFTPHost(f.Host):
		es.add("host", CodeFTPHost)
	}
	if f.Port < 1 || f.Port > 65535 {
		es.add("port", CodeFTPPort, "1", "65535")
	}
	if f.User == "" {
		es.add("user", CodeRequired)
	}
	checkFTPText(&es, "user", f.User, MaxFTPUser)
	checkFTPText(&es, "password", f.Password, MaxFTPPassword)
	checkFTPText(&es, "dir", f.Dir, MaxFTPDir)
	switch f.TLS {
	case FTPTLSNone, FTPTLSExplicit, FTPTLSImplicit:
	default:
		es.add("tls", CodeFTPTLS)
	}
	if f.Fingerprint != "" && NormalFingerprint(f.Fingerprint) == "" {
		es.add("fingerprint", CodeFTPFingerprint)
	}
	return es.err()
}

func checkFTPText(es *Errors, field, s string, max int) {
	switch {
	case hasLineBreak(s):
		es.add(field, CodeFTPLineBreak)
	case !utf8.ValidString(s) || strings.ContainsFunc(s, unicode.IsControl):
		es.add(field, CodeFTPControl)
	case len(s) > max:
		es.add(field, CodeFTPTooLong, strconv.Itoa(max))
	}
}

func hasLineBreak(s string) bool { return strings.ContainsAny(s, "\r\n\x00") }

// validFTPHost accepts a host name (ASCII labels) or an IP address, without brackets or zone.
func validFTPHost(h string) bool {
	if a, err := netip.ParseAddr(h); err == nil {
		return a.Zone() == ""
	}
	return validDomain(h, false)
}

// NormalFingerprint returns a certificate fingerprint as 64 lower-case hexadecimal digits,
// accepting upper case and the colons of `openssl x509 -fingerprint -sha256`; "" when s is not
// one.
func NormalFingerprint(s string) string {
	s = strings.ToLower(strings.ReplaceAll(strings.TrimSpace(s), ":", ""))
	if len(s) != 64 {
		return ""
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
			return ""
		}
	}
	return s
}

// DefaultFTPPort is the usual port of a TLS mode: 990 for implicit FTPS, 21 otherwise.
func DefaultFTPPort(tls string) int {
	if tls == FTPTLSImplicit {
		return 990
	}
	return 21
}

// validKeyFingerprint reports whether s is a host key's fingerprint: "SHA256:" and the 43
// characters of an unpadded base64 SHA-256.
func validKeyFingerprint(s string) bool {
	b64, ok := strings.CutPrefix(s, "SHA256:")
	if !ok || len(b64) != 43 {
		return false
	}
	for i := 0; i < len(b64); i++ {
		if c := b64[i]; !isAlnum(c) && c != '+' && c != '/' {
			return false
		}
	}
	return true
}
