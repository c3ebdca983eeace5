package pattern

import (
	"strconv"
	"strings"
)

// Limits on what Compile accepts.
const (
	MaxLen      = 4096 // bytes in one pattern
	MaxPatterns = 1000 // patterns in one text
)

// Error codes, stable: the panel translates them. Args are given per code.
const (
	CodeDotComponent   = "dot_component"   // "." or ".." as a component; Args [component]
	CodeEmptyComponent = "empty_component" // "a//b"; no Args
	CodeControlChar    = "control_char"    // a Unicode control character (Cc: C0, DEL, C1); Args ["U+0085"]
	CodeInvalidUTF8    = "invalid_utf8"    // bytes that are not UTF-8; Args ["\xNN"], the first bad byte
	CodeEscapeSequence = "escape_sequence" // a typed "\t", "\n"...; Args [the two characters]
	CodeRootPattern    = "root_pattern"    // only "/" and "*": the whole webspace; no Args
	CodeTooLong        = "too_long"        // over MaxLen bytes; Args ["4096"]
	CodeTooMany        = "too_many"        // over MaxPatterns patterns; Args ["1000"], Index -1
)

// Codes lists every code an Error may carry, so the panel can be checked to translate them all.
var Codes = []string{
	CodeDotComponent, CodeEmptyComponent, CodeControlChar, CodeInvalidUTF8,
	CodeEscapeSequence, CodeRootPattern, CodeTooLong, CodeTooMany,
}

// Error is one refused pattern. Index is its place among the entries Split returns (0-based), or
// -1 when the error is about the whole text (too_many). Pattern is the entry as Split returns it.
type Error struct {
	Index   int      `json:"index"`
	Pattern string   `json:"pattern"`
	Code    string   `json:"code"`
	Args    []string `json:"args,omitempty"`
}

// Error says, in English, which pattern is refused and why.
func (e *Error) Error() string {
	arg := func(i int) string {
		if i < len(e.Args) {
			return e.Args[i]
		}
		return ""
	}
	var why string
	switch e.Code {
	case CodeTooMany:
		return "too many exclusion patterns: at most " + arg(0)
	case CodeDotComponent:
		why = strconv.Quote(arg(0)) + " is not allowed as a path component"
	case CodeEmptyComponent:
		why = "empty path component (two slashes in a row)"
	case CodeControlChar:
		why = "control character " + arg(0) + " is not allowed"
	case CodeInvalidUTF8:
		why = "invalid UTF-8 (byte " + arg(0) + ")"
	case CodeEscapeSequence:
		why = "escape sequence " + arg(0) + " is not allowed (backslashes are not interpreted)"
	case CodeRootPattern:
		why = "it would exclude the whole webspace"
	case CodeTooLong:
		why = "longer than " + arg(0) + " bytes"
	default:
		why = e.Code
	}
	return "pattern " + quoteShort(e.Pattern) + ": " + why
}

// quoteShort quotes s for a message, cut to about 60 bytes.
func quoteShort(s string) string {
	if len(s) <= 60 {
		return strconv.Quote(s)
	}
	return strconv.Quote(strings.ToValidUTF8(s[:60], "")) + "..."
}

// Errors is every problem Compile found, in the order of the entries.
type Errors []*Error

// Error joins the messages.
func (es Errors) Error() string {
	msgs := make([]string, len(es))
	for i, e := range es {
		msgs[i] = e.Error()
	}
	return strings.Join(msgs, "; ")
}

// hexByte renders b as `\xNN`.
func hexByte(b byte) string {
	const digits = "0123456789abcdef"
	return `\x` + string([]byte{digits[b>>4], digits[b&15]})
}

// codePoint renders r as "U+0085".
func codePoint(r rune) string {
	s := strconv.FormatInt(int64(r), 16)
	if len(s) < 4 {
		s = strings.Repeat("0", 4-len(s)) + s
	}
	return "U+" + strings.ToUpper(s)
}
