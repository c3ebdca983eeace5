package pattern

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode"
)

// refMatch is the grammar read literally, byte by byte, with backtracking (memoised so that
// fuzzed patterns full of stars stay fast). It works on the pattern as typed.
func refMatch(pat, rel string) bool {
	pat = strings.TrimSuffix(strings.TrimPrefix(pat, "/"), "/")
	rel = strings.TrimPrefix(rel, "/")
	memo := map[[2]int]bool{}
	var m func(i, j int) bool
	m = func(i, j int) bool {
		key := [2]int{i, j}
		if v, ok := memo[key]; ok {
			return v
		}
		v := refStep(pat, rel, i, j, m)
		memo[key] = v
		return v
	}
	return m(0, 0)
}

// refStep matches pat[i:] against rel[j:], where the pattern's end may meet any component end.
func refStep(pat, rel string, i, j int, m func(i, j int) bool) bool {
	if i == len(pat) {
		return j == len(rel) || rel[j] == '/'
	}
	if pat[i] != '*' {
		return j < len(rel) && rel[j] == pat[i] && m(i+1, j+1)
	}
	k := i
	for k < len(pat) && pat[k] == '*' {
		k++
	}
	if k-i == 1 { // "*": any run without "/"
		for t := j; t <= len(rel); t++ {
			if m(k, t) {
				return true
			}
			if t < len(rel) && rel[t] == '/' {
				break
			}
		}
		return false
	}
	if (i == 0 || pat[i-1] == '/') && k < len(pat) && pat[k] == '/' { // "**/": zero or more dirs
		if m(k+1, j) {
			return true
		}
		for t := j; t < len(rel); t++ {
			if rel[t] == '/' && m(k+1, t+1) {
				return true
			}
		}
		return false
	}
	for t := j; t <= len(rel); t++ { // "**": anything
		if m(k, t) {
			return true
		}
	}
	return false
}

func FuzzMatch(f *testing.F) {
	for _, seed := range [][2]string{
		{"/some/*/logs", "some/a/logs/x"}, {"/some/log*", "some/logs"}, {"*/logs", "a/logs"},
		{"**/logs", "a/b/logs"}, {"a/**/b", "a/b"}, {"a**b", "ax/yb"}, {"cache/**", "cache"},
		{"**/**/z", "a/z"}, {"*a*a*a*a*b", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"},
		{"**a**a**a**b", "a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a"}, {"x*/y/**/z*", "xx/y/q/y/zz"},
		{"a/b", "/a//b"}, {"a/*", "a/"}, {"**.log", "x/\xff.log"},
	} {
		f.Add(seed[0], seed[1])
	}
	f.Fuzz(func(t *testing.T, text, rel string) {
		s, err := Compile(text)
		if err != nil {
			return
		}
		want := false
		for _, p := range Split(text) {
			want = want || refMatch(p, rel)
		}
		if got := s.Match(rel); got != want {
			t.Errorf("patterns %q, path %q: Match = %v, reference says %v", s.Patterns(), rel, got, want)
		}
	})
}

func FuzzCompile(f *testing.F) {
	for _, seed := range []string{
		"/some/*/logs, /some/log*\n*/logs\n**/logs", "../x", "a\tb", `a\tb`, "a//b", "/", "**",
		"caf\xe9", "a/./b", " x ,\r\n y ", `\\`, "***/x/***", "a\u0085b", "\u009b[31m/x", "é\u0080",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, text string) {
		s, err := Compile(text)
		entries := Split(text)
		if err != nil {
			if s != nil {
				t.Fatal("a Set came with an error")
			}
			for _, e := range err.(Errors) {
				if e.Index < -1 || e.Index >= len(entries) || e.Index >= 0 && entries[e.Index] != e.Pattern {
					t.Fatalf("error %+v does not point at its entry", e)
				}
				_ = e.Error()
			}
			return
		}
		if len(s.Patterns()) != len(entries) {
			t.Fatalf("%d patterns from %d entries", len(s.Patterns()), len(entries))
		}
		for _, p := range s.Patterns() {
			if strings.Trim(p, "/*") == "" || strings.Contains(p, "***") {
				t.Errorf("accepted %q", p)
			}
			for _, r := range p {
				if unicode.IsControl(r) {
					t.Errorf("accepted %q with the control character %U", p, r)
				}
			}
			for _, c := range strings.Split(p, "/") {
				if c == "" || c == "." || c == ".." {
					t.Errorf("accepted %q with component %q", p, c)
				}
			}
		}
	})
}

// TestAgreesWithReference compares Match with refMatch on many small random patterns and paths
// over an alphabet that makes matches likely; the fuzzer rarely builds such pairs by itself.
func TestAgreesWithReference(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	gen := func(alphabet string, n int) string {
		b := make([]byte, r.IntN(n))
		for i := range b {
			b[i] = alphabet[r.IntN(len(alphabet))]
		}
		return string(b)
	}
	checked := 0
	for range 30000 {
		pat, rel := gen("ab/**", 12), gen("ab//", 16)
		s, err := Compile(pat)
		if err != nil || pat == "" {
			continue
		}
		checked++
		if got, want := s.Match(rel), refMatch(pat, rel); got != want {
			t.Fatalf("pattern %q, path %q: Match = %v, reference says %v", pat, rel, got, want)
		}
	}
	if checked < 1000 {
		t.Fatalf("only %d valid patterns generated", checked)
	}
}
