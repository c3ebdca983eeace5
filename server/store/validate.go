package store

import (
	"net/mail"
	"path"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The syntax rules the API and the CLI share. Each returns nil or an *Error naming the field.

// AdminLogin is the administrator's login; no client may take it.
const AdminLogin = "admin"

func quote(s string) string { return strconv.Quote(s) }

// ValidateLogin checks a client login: 1 to 32 characters, lower-case letters, digits, '.', '-'
// and '_', starting with a letter; "admin" is reserved.
func ValidateLogin(login string) error {
	if login == AdminLogin {
		return invalid(CodeReservedLogin, "login", "the login \"admin\" is reserved for the administrator")
	}
	if !validLogin(login) {
		return invalid(CodeInvalidLogin, "login", "invalid login "+quote(login)+
			": use 1 to 32 lower-case letters, digits, '.', '-' or '_', starting with a letter", login)
	}
	return nil
}

func validLogin(s string) bool {
	if len(s) == 0 || len(s) > 32 || s[0] < 'a' || s[0] > 'z' {
		return false
	}
	for _, c := range []byte(s) {
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '.' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}

// NormalizeDomain lower-cases a domain name and drops one trailing dot.
func NormalizeDomain(name string) string {
	return strings.TrimSuffix(strings.ToLower(name), ".")
}

// ValidateDomain checks a normalized domain name: at least two labels of letters, digits and
// inner hyphens, each at most 63 characters, 253 in all, the last not numeric.
func ValidateDomain(field, name string) error {
	if !validDomain(name) {
		return invalid(CodeInvalidDomain, field, "invalid domain name "+quote(name), name)
	}
	return nil
}

func validDomain(name string) bool {
	labels := strings.Split(name, ".")
	if len(name) > 253 || len(labels) < 2 {
		return false
	}
	for _, l := range labels {
		if !validLabel(l) {
			return false
		}
	}
	tld := labels[len(labels)-1]
	_, err := strconv.Atoi(tld)
	return err != nil
}

func validLabel(l string) bool {
	if len(l) == 0 || len(l) > 63 || l[0] == '-' || l[len(l)-1] == '-' {
		return false
	}
	for _, c := range []byte(l) {
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

// ValidateEmail checks a bare mail address (no display name, no angle brackets, no blanks or
// control characters) whose domain is a valid domain name.
func ValidateEmail(field, addr string) error {
	bad := invalid(CodeInvalidEmail, field, "invalid email address "+quote(addr), addr)
	if len(addr) > 254 || strings.ContainsFunc(addr, func(r rune) bool { return r <= ' ' || r == 0x7f }) {
		return bad
	}
	a, err := mail.ParseAddress(addr)
	if err != nil || a.Address != addr || a.Name != "" {
		return bad
	}
	at := strings.LastIndexByte(addr, '@')
	local, domain := addr[:at], addr[at+1:]
	if len(local) > 64 || strings.ContainsAny(local, "\"\\") || !validDomain(strings.ToLower(domain)) {
		return bad
	}
	return nil
}

// ValidateLang checks a panel language: "en" or "fr".
func ValidateLang(lang string) error {
	if lang != "en" && lang != "fr" {
		return invalid(CodeInvalidLang, "lang", "invalid language "+quote(lang)+": use en or fr", lang)
	}
	return nil
}

// ValidateText checks a one-line text such as a name or a company: valid UTF-8, no control
// characters, at most max characters, and not empty when required.
func ValidateText(field, s string, max int, required bool) error {
	if required && strings.TrimSpace(s) == "" {
		return invalid(CodeRequired, field, "the "+field+" is required")
	}
	if !utf8.ValidString(s) || utf8.RuneCountInString(s) > max || strings.ContainsFunc(s, unicode.IsControl) {
		return invalid(CodeInvalidText, field, "invalid "+field+": at most "+strconv.Itoa(max)+
			" characters, no control characters", strconv.Itoa(max))
	}
	return nil
}

// ValidateRel checks a path relative to a webspace root, with slashes: not empty, not absolute,
// clean, no '.' or '..' component, no backslash or control character, at most 1024 bytes.
func ValidateRel(field, p string) error {
	bad := invalid(CodeInvalidPath, field, "invalid "+field+" "+quote(p)+
		": use a clean relative path inside the webspace, such as httpdocs or logs", p)
	if p == "" || len(p) > 1024 || strings.HasPrefix(p, "/") || path.Clean(p) != p || p == "." {
		return bad
	}
	if strings.ContainsFunc(p, func(r rune) bool { return r == '\\' || unicode.IsControl(r) }) {
		return bad
	}
	for _, part := range strings.Split(p, "/") {
		if part == ".." {
			return bad
		}
	}
	return nil
}

// ValidateSystemUser checks a Unix user name: lower-case letters, digits, '_' and '-', at most
// 32 characters, not starting with a digit or '-'.
func ValidateSystemUser(field, name string) error {
	ok := len(name) > 0 && len(name) <= 32 && !(name[0] >= '0' && name[0] <= '9') && name[0] != '-'
	for _, c := range []byte(name) {
		ok = ok && (c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '-')
	}
	if !ok {
		return invalid(CodeInvalidUser, field, "invalid system user "+quote(name), name)
	}
	return nil
}

// ValidateDatabaseName checks a database name: 1 to 64 letters, digits, '_' or '-', not
// starting with '-' (a name reaches the dump tools' command lines).
func ValidateDatabaseName(name string) error {
	ok := len(name) > 0 && len(name) <= 64 && name[0] != '-'
	for _, c := range []byte(name) {
		ok = ok && (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-')
	}
	if !ok {
		return invalid(CodeInvalidName, "name", "invalid database name "+quote(name)+
			": use 1 to 64 letters, digits, '_' or '-', not starting with '-'", name)
	}
	return nil
}
