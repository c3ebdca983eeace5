package pattern

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

func mustCompile(t testing.TB, text string) *Set {
	t.Helper()
	s, err := Compile(text)
	if err != nil {
		t.Fatalf("Compile(%q): %v", text, err)
	}
	return s
}

// The examples of Plesk's Backup Manager and the grammar's corners: what each pattern excludes and what it keeps.
func TestMatch(t *testing.T) {
	tests := []struct {
		pattern string
		yes, no []string
	}{
		{"/some/*/logs", // the logs directory in any subdirectory of some
			[]string{"some/a/logs", "some/b/logs/access.log", "/some/a/logs", "some/a b/logs"},
			[]string{"some/logs", "some/a/b/logs", "other/a/logs", "some/a/logsx", "x/some/a/logs"}},
		{"/some/log*", // files and directories starting with log in some
			[]string{"some/log", "some/logs", "some/log.txt", "some/logs/a/b"},
			[]string{"some/blog", "some/a/log", "log", "somelog"}},
		{"*/logs", // logs one level below the webspace root
			[]string{"httpdocs/logs", "a/logs/x", "x.y/logs"},
			[]string{"logs", "a/b/logs", "a/logsx"}},
		{"**/logs", // logs at any depth
			[]string{"logs", "a/logs", "a/b/logs", "a/b/logs/today/x.txt"},
			[]string{"blogs", "a/blogs", "a/logs2", "a/b/c"}},
		{"/httpdocs/cache",
			[]string{"httpdocs/cache", "httpdocs/cache/a.txt", "/httpdocs/cache/a/b"},
			[]string{"httpdocs", "httpdocs/cache2", "httpdocs/cach", "x/httpdocs/cache"}},
		{"httpdocs/cache/", // a trailing slash is ignored
			[]string{"httpdocs/cache", "httpdocs/cache/a.txt"},
			[]string{"httpdocs/cached"}},
		{"a/**/b",
			[]string{"a/b", "a/x/b", "a/x/y/b", "a/x/y/b/c"},
			[]string{"a/xb", "a/x/yb", "ab", "b", "x/a/b"}},
		{"a**b",
			[]string{"ab", "axb", "ax/yb", "a/b", "ax/yb/c"},
			[]string{"axbc", "xab", "a/x"}},
		{"cache/**",
			[]string{"cache/x", "cache/x/y"},
			[]string{"cache", "cachex", "x/cache/y"}},
		{"**/tmp/**",
			[]string{"tmp/a", "x/tmp/a/b"},
			[]string{"tmp", "x/tmp", "x/tmpa/b"}},
		{"**.log",
			[]string{"a.log", "x/y/a.log", ".log", "a.log/b"},
			[]string{"a.log.1", "alog"}},
		{"**/*.log",
			[]string{"a.log", "x/y/a.log"},
			[]string{"a.logs", "x/y/log"}},
		{"*.php",
			[]string{"index.php", "index.php/x"},
			[]string{"httpdocs/index.php", "index.phps"}},
		{"a*b*c",
			[]string{"abc", "aXbYc", "abbc", "acbc"},
			[]string{"ab/c", "a/bc", "acb", "abcd"}},
		{"x/***/y", // a longer run of stars is "**"
			[]string{"x/y", "x/a/b/y"},
			[]string{"x/ay"}},
		{"**/**/z",
			[]string{"z", "a/z", "a/b/c/z"},
			[]string{"az"}},
		{"a/**/**",
			[]string{"a/b", "a/b/c"},
			[]string{"a"}},
		{"x**/y",
			[]string{"x/y", "xa/y", "xa/b/y"},
			[]string{"y", "x/ay"}},
		{"répertoire/été*",
			[]string{"répertoire/été", "répertoire/été 2024/x"},
			[]string{"repertoire/ete"}},
		{`a\c`, // a backslash not followed by an escape letter is literal
			[]string{`a\c`, `a\c/d`},
			[]string{"ac", "a/c"}},
	}
	for _, tt := range tests {
		s := mustCompile(t, tt.pattern)
		for _, rel := range tt.yes {
			if !s.Match(rel) {
				t.Errorf("%q should exclude %q", tt.pattern, rel)
			}
			if !refMatch(tt.pattern, rel) {
				t.Errorf("reference: %q should exclude %q", tt.pattern, rel)
			}
		}
		for _, rel := range tt.no {
			if s.Match(rel) {
				t.Errorf("%q should keep %q", tt.pattern, rel)
			}
			if refMatch(tt.pattern, rel) {
				t.Errorf("reference: %q should keep %q", tt.pattern, rel)
			}
		}
	}
}

func TestMatchSeveral(t *testing.T) {
	s := mustCompile(t, " /httpdocs/cache , **/tmp\n\n*.bak\r\n,")
	want := []string{"httpdocs/cache", "**/tmp", "*.bak"}
	if got := s.Patterns(); !reflect.DeepEqual(got, want) {
		t.Errorf("Patterns() = %q, want %q", got, want)
	}
	for rel, want := range map[string]bool{
		"httpdocs/cache/x": true, "a/tmp": true, "old.bak": true, "httpdocs/index.php": false,
	} {
		if got := s.Match(rel); got != want {
			t.Errorf("Match(%q) = %v, want %v", rel, got, want)
		}
	}
}

func TestEmptyAndNil(t *testing.T) {
	s := mustCompile(t, " \n , \r\n ")
	if s == nil || s.Match("a") || len(s.Patterns()) != 0 {
		t.Errorf("blank text: got %v, want an empty set matching nothing", s.Patterns())
	}
	var none *Set
	if none.Match("a") || none.Patterns() != nil {
		t.Error("a nil Set must match nothing")
	}
}

func TestSplit(t *testing.T) {
	got := Split("a, b\r\n\tc d \rx,,\n e/f/ ")
	want := []string{"a", "b", "c d", "x", "e/f/"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Split = %q, want %q", got, want)
	}
	if got := Split(""); got != nil {
		t.Errorf("Split(\"\") = %q, want nil", got)
	}
}

// Every refusal, with the code, the arguments and a message naming the pattern.
func TestRefused(t *testing.T) {
	long := strings.Repeat("a", MaxLen+1)
	tests := []struct {
		pattern string
		code    string
		args    []string
	}{
		{"../other", CodeDotComponent, []string{".."}},
		{"a/./b", CodeDotComponent, []string{"."}},
		{"/a/..", CodeDotComponent, []string{".."}},
		{"./", CodeDotComponent, []string{"."}},
		{"a//b", CodeEmptyComponent, nil},
		{"//a", CodeEmptyComponent, nil},
		{"a//", CodeEmptyComponent, nil},
		{"a\tb", CodeControlChar, []string{"U+0009"}},
		{"a\x00b", CodeControlChar, []string{"U+0000"}},
		{"a\x7fb", CodeControlChar, []string{"U+007F"}},
		{"a\x1bb", CodeControlChar, []string{"U+001B"}},
		{"a\u0085b", CodeControlChar, []string{"U+0085"}},
		{"\u0080x", CodeControlChar, []string{"U+0080"}},
		{"logs\u009f", CodeControlChar, []string{"U+009F"}},
		{"é/\u009bx", CodeControlChar, []string{"U+009B"}},
		{`a\tb`, CodeEscapeSequence, []string{`\t`}},
		{`logs\n`, CodeEscapeSequence, []string{`\n`}},
		{`\x41`, CodeEscapeSequence, []string{`\x`}},
		{`a\u00e9`, CodeEscapeSequence, []string{`\u`}},
		{`a\\b`, CodeEscapeSequence, []string{`\\`}},
		{`\0`, CodeEscapeSequence, []string{`\0`}},
		{"/", CodeRootPattern, nil},
		{"//", CodeRootPattern, nil},
		{"*", CodeRootPattern, nil},
		{"**", CodeRootPattern, nil},
		{"/**/", CodeRootPattern, nil},
		{"*/*", CodeRootPattern, nil},
		{"***", CodeRootPattern, nil},
		{long, CodeTooLong, []string{"4096"}},
		{"caf\xe9", CodeInvalidUTF8, []string{`\xe9`}},
		{"a/\xff\xfe", CodeInvalidUTF8, []string{`\xff`}},
	}
	for _, tt := range tests {
		s, err := Compile("ok/one\n" + tt.pattern)
		var errs Errors
		if s != nil || !errors.As(err, &errs) || len(errs) != 1 {
			t.Errorf("Compile(%q) = %v, %v; want nil and one Error", tt.pattern, s, err)
			continue
		}
		e := errs[0]
		if e.Index != 1 || e.Pattern != tt.pattern || e.Code != tt.code || !reflect.DeepEqual(e.Args, tt.args) {
			t.Errorf("%q: got {%d %q %s %q}, want {1 %s %q}", tt.pattern, e.Index, e.Pattern, e.Code, e.Args, tt.code, tt.args)
		}
		if msg := e.Error(); !strings.HasPrefix(msg, "pattern \"") || strings.Contains(msg, tt.code) {
			t.Errorf("%q: message %q should name the pattern and say the reason in words", tt.pattern, msg)
		}
	}
	if Codes[len(Codes)-1] != CodeTooMany || len(Codes) != 8 {
		t.Errorf("Codes = %q: every code must be listed", Codes)
	}
}

func TestMaxLenAccepted(t *testing.T) {
	mustCompile(t, strings.Repeat("a", MaxLen))
}

func TestEveryInvalidListed(t *testing.T) {
	_, err := Compile("ok, ../a, fine/*, a//b\n\n/")
	var errs Errors
	if !errors.As(err, &errs) {
		t.Fatalf("err = %v, want Errors", err)
	}
	var got []string
	for _, e := range errs {
		got = append(got, e.Pattern+"@"+e.Code)
	}
	want := []string{"../a@dot_component", "a//b@empty_component", "/@root_pattern"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("errors = %q, want %q", got, want)
	}
	if errs[1].Index != 3 {
		t.Errorf("a//b has Index %d, want 3", errs[1].Index)
	}
	if msg := err.Error(); !strings.Contains(msg, `"../a"`) || !strings.Contains(msg, `"a//b"`) {
		t.Errorf("Errors.Error() = %q, should name each pattern", msg)
	}
}

func TestTooMany(t *testing.T) {
	mustCompile(t, strings.Repeat("x,", MaxPatterns))
	_, err := Compile(strings.Repeat("x,", MaxPatterns) + "y, ../z")
	var errs Errors
	if !errors.As(err, &errs) || len(errs) != 2 {
		t.Fatalf("err = %v, want too_many and the invalid pattern", err)
	}
	if e := errs[0]; e.Index != -1 || e.Code != CodeTooMany || !reflect.DeepEqual(e.Args, []string{"1000"}) {
		t.Errorf("got %+v, want too_many at index -1 with [1000]", e)
	}
	if e := errs[1]; e.Index != MaxPatterns+1 || e.Code != CodeDotComponent {
		t.Errorf("got %+v, want ../z at index %d", e, MaxPatterns+1)
	}
	if msg := errs[0].Error(); msg != "too many exclusion patterns: at most 1000" {
		t.Errorf("message = %q", msg)
	}
}

func TestLongPatternMessageIsShort(t *testing.T) {
	_, err := Compile(strings.Repeat("é", MaxLen))
	if err == nil || len(err.Error()) > 200 {
		t.Errorf("err = %v; want a too_long error with a short message", err)
	}
}
