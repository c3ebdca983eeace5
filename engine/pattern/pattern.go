package pattern

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Set is a compiled list of exclusion patterns. It is immutable and safe for concurrent use.
//
// The grammar: each pattern is a slash path anchored at the webspace root; a leading "/" means
// the same as none and one trailing "/" is ignored. "*" matches any run of bytes but "/"; "**"
// (or a longer run of stars) matches any run of bytes, "/" included; a "**" that is a whole
// component and is followed by "/" also matches zero directories ("**/logs" matches "logs",
// "a/**/b" matches "a/b"), while "cache/**" matches what is inside cache but not cache itself.
// Every other byte is literal: there is no "?", no "[...]", no "{...}" and no escape, so a name
// with a comma or surrounding blanks can only be reached with "*". A pattern that matches a
// directory excludes its whole subtree.
//
// Refused (see Codes): "." or ".." components, empty components, control characters (Unicode
// category Cc: C0, DEL and C1, such as U+0085), backslash
// escapes such as a typed "\t", patterns made only of "/" and "*", patterns over MaxLen bytes,
// more than MaxPatterns patterns, and invalid UTF-8. Invalid UTF-8 is refused because patterns
// travel as JSON (the request, the task, the manifest), which would silently turn the bad bytes
// into U+FFFD and exclude something else; a name with such bytes is reached with "*".
type Set struct {
	pats []compiled
}

// Split returns the entries of text as typed in the form: separated by newlines (LF, CR or
// CRLF) or commas, surrounding ASCII blanks (space, tab, VT, FF) trimmed, empty entries left
// out, in order. Other characters are kept, so that a control character such as U+0085 (which
// Unicode also calls a space) is refused rather than dropped. Error.Index counts in this list.
func Split(text string) []string {
	var out []string
	for len(text) > 0 {
		i := strings.IndexAny(text, "\n\r,")
		entry := text
		if i >= 0 {
			entry, text = text[:i], text[i+1:]
		} else {
			text = ""
		}
		if entry = strings.Trim(entry, " \t\v\f"); entry != "" {
			out = append(out, entry)
		}
	}
	return out
}

// Compile parses the patterns as typed in the form (see Split and Set). On any invalid pattern
// it returns a nil *Set and an Errors listing every problem. An empty text gives an empty Set.
func Compile(text string) (*Set, error) {
	entries := Split(text)
	var errs Errors
	if len(entries) > MaxPatterns {
		errs = append(errs, &Error{Index: -1, Code: CodeTooMany, Args: []string{strconv.Itoa(MaxPatterns)}})
	}
	s := &Set{pats: make([]compiled, 0, len(entries))}
	for i, entry := range entries {
		norm, err := check(entry)
		if err != nil {
			err.Index = i
			errs = append(errs, err)
			continue
		}
		s.pats = append(s.pats, compile(norm))
	}
	if errs != nil {
		return nil, errs
	}
	return s, nil
}

// Patterns returns the normalised patterns, in order: no leading or trailing "/", runs of more
// than two stars written "**".
func (s *Set) Patterns() []string {
	if s == nil {
		return nil
	}
	out := make([]string, len(s.pats))
	for i, p := range s.pats {
		out[i] = p.text
	}
	return out
}

// Match reports whether rel, a slash path relative to the webspace root ("httpdocs/cache/a.txt",
// a leading "/" allowed), or one of its ancestors is matched by a pattern of the set. A nil Set
// matches nothing. Match does not allocate; it is safe to call from several goroutines.
func (s *Set) Match(rel string) bool {
	if s == nil {
		return false
	}
	rel = strings.TrimPrefix(rel, "/")
	for i := range s.pats {
		if s.pats[i].match(rel) {
			return true
		}
	}
	return false
}

// check validates one entry and returns it normalised, or the reason it is refused.
func check(entry string) (string, *Error) {
	refuse := func(code string, args ...string) (string, *Error) {
		return "", &Error{Pattern: entry, Code: code, Args: args}
	}
	if len(entry) > MaxLen {
		return refuse(CodeTooLong, strconv.Itoa(MaxLen))
	}
	for _, r := range entry {
		if unicode.Is(unicode.Cc, r) {
			return refuse(CodeControlChar, codePoint(r))
		}
	}
	if !utf8.ValidString(entry) {
		return refuse(CodeInvalidUTF8, hexByte(entry[firstInvalid(entry)]))
	}
	if esc := escapeSequence(entry); esc != "" {
		return refuse(CodeEscapeSequence, esc)
	}
	norm := strings.TrimSuffix(strings.TrimPrefix(entry, "/"), "/")
	if strings.Trim(norm, "/*") == "" {
		return refuse(CodeRootPattern)
	}
	for comp := range strings.SplitSeq(norm, "/") {
		switch comp {
		case "":
			return refuse(CodeEmptyComponent)
		case ".", "..":
			return refuse(CodeDotComponent, comp)
		}
	}
	return collapseStars(norm), nil
}

// firstInvalid returns the index of the first byte of s that is not part of valid UTF-8.
func firstInvalid(s string) int {
	for i, r := range s {
		if r == utf8.RuneError {
			if _, size := utf8.DecodeRuneInString(s[i:]); size == 1 {
				return i
			}
		}
	}
	return 0
}

// escapeSequence returns the first backslash sequence of s that looks like an escape ("\t",
// "\n", "\x", "\u", "\\"...), or "".
func escapeSequence(s string) string {
	for i := 0; i+1 < len(s); i++ {
		if s[i] == '\\' && strings.IndexByte(`abfnrtv0xuU\`, s[i+1]) >= 0 {
			return s[i : i+2]
		}
	}
	return ""
}

// collapseStars writes every run of two or more stars as "**".
func collapseStars(s string) string {
	if !strings.Contains(s, "***") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '*' && strings.HasPrefix(s[i+1:], "**") {
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}
