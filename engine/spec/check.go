package spec

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Bounds of the checks.
const (
	MaxSplitMB     = 1048576 // 1 TiB volumes; 0 means no split
	MaxCommentLen  = 500     // characters (runes)
	MaxEmailLen    = 254     // bytes
	MaxPathLen     = 4096    // bytes, for restore paths
	maxDomainLen   = 253
	maxLabelLen    = 63
	maxLocalLen    = 64
	maxBackupName  = 200
	emailLocalSafe = "!#$%&'*+-/=?^_`{|}~"
)

// validEmail reports whether s is a bare address local@domain: at most 254 bytes, the local
// part a dot-atom of ASCII letters, digits and !#$%&'*+-/=?^_`{|}~ (no quotes, spaces, CR, LF,
// "<>", ",", ";"), the domain an ASCII host name (use punycode for IDN). Nothing in it can
// break out of a mail header or an SMTP command.
func validEmail(s string) bool {
	at := strings.LastIndexByte(s, '@')
	if len(s) > MaxEmailLen || at < 1 || at > maxLocalLen {
		return false
	}
	local, domain := s[:at], s[at+1:]
	for label := range strings.SplitSeq(local, ".") {
		if label == "" {
			return false
		}
		for i := 0; i < len(label); i++ {
			if !isAlnum(label[i]) && strings.IndexByte(emailLocalSafe, label[i]) < 0 {
				return false
			}
		}
	}
	return validDomain(domain, false)
}

// validDomain reports whether s is a host name: labels of 1 to 63 letters, digits and "-", not
// starting or ending with "-", joined by single dots, at most 253 bytes. With unicodeOK, letters
// and digits beyond ASCII are allowed too (a subscription's IDN written in Unicode).
func validDomain(s string, unicodeOK bool) bool {
	if s == "" || len(s) > maxDomainLen {
		return false
	}
	for label := range strings.SplitSeq(s, ".") {
		if label == "" || len(label) > maxLabelLen || label[0] == '-' || label[len(label)-1] == '-' {
			return false
		}
		for _, r := range label {
			ascii := r < utf8.RuneSelf && (isAlnum(byte(r)) || r == '-')
			wide := unicodeOK && r >= utf8.RuneSelf && r != utf8.RuneError &&
				(unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r))
			if !ascii && !wide {
				return false
			}
		}
	}
	return true
}

func isAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// validBackupName is storage.ValidName (engine/storage imports os, which the wasm build must
// not): 1 to 200 bytes of ASCII letters, digits, '.', '_' and '-', not starting with '.' or '-'.
// A test checks that both agree.
func validBackupName(name string) bool {
	if name == "" || len(name) > maxBackupName || name[0] == '.' || name[0] == '-' {
		return false
	}
	for i := 0; i < len(name); i++ {
		if c := name[i]; !isAlnum(c) && c != '.' && c != '_' && c != '-' {
			return false
		}
	}
	return true
}

// validRelPath reports whether p is a clean relative slash path: not empty, at most 4096
// bytes, no leading or trailing "/", no empty, "." or ".." component, no control byte (< 0x20
// or 0x7f). Other bytes, invalid UTF-8 included, are allowed: file names may hold them.
func validRelPath(p string) bool {
	if p == "" || len(p) > MaxPathLen || hasControlByte(p) {
		return false
	}
	for comp := range strings.SplitSeq(p, "/") {
		if comp == "" || comp == "." || comp == ".." {
			return false
		}
	}
	return true
}

// validTarget reports whether to may be a restore target: validRelPath once one leading "/"
// (the administrator's CLI gives host paths) and one trailing "/" are taken off. Whether the
// client may write there is the server's check.
func validTarget(to string) bool {
	return validRelPath(strings.TrimSuffix(strings.TrimPrefix(to, "/"), "/"))
}

func hasControlByte(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] == 0x7f {
			return true
		}
	}
	return false
}

// commentHasControl reports whether s holds a control character other than newline and tab
// (C0, DEL, C1, CR included) or bytes that are not UTF-8.
func commentHasControl(s string) bool {
	if !utf8.ValidString(s) {
		return true
	}
	for _, r := range s {
		if r != '\n' && r != '\t' && unicode.IsControl(r) {
			return true
		}
	}
	return false
}

// ValidDatabaseName reports whether name can be a database's: 1 to 64 letters, digits, '_' or
// '-', not starting with '-'.
func ValidDatabaseName(name string) bool {
	ok := len(name) > 0 && len(name) <= 64 && name[0] != '-'
	for i := 0; ok && i < len(name); i++ {
		c := name[i]
		ok = isAlnum(c) || c == '_' || c == '-'
	}
	return ok
}

// validMailbox reports whether s is a mailbox address that can name a folder: a mail address
// without '/'.
func validMailbox(s string) bool {
	return validEmail(s) && !strings.ContainsRune(s, '/')
}
