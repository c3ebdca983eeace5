package spec

import (
	"strings"
	"testing"
)

func TestEmail(t *testing.T) {
	good := []string{
		"a@b.c", "ops+backup@acme.example", "first.last@sub.example.co.uk", "x_y-z@xn--caf-dma.fr",
		"root@localhost", "o'brien@example.ie", strings.Repeat("a", 64) + "@example.com",
		"a@" + strings.Repeat("b", 63) + ".example.com",
	}
	bad := []string{
		"", "a", "@b.c", "a@", "a@b.c\r\nBcc: x@y.z", "a@b.c\nBcc: x@y.z", "a@b.c\r", "a b@c.d", " a@b.c",
		"a@b.c ", "<a@b.c>", "Name <a@b.c>", "a@b.c,d@e.f", "a@b.c;d@e.f", `"a"@b.c`, "a@b@c.d",
		"a..b@c.d", ".a@b.c", "a.@b.c", "a@b..c", "a@-b.c", "a@b-.c", "a@b_c.d", "a@b.c.", "a@[1.2.3.4]",
		"é@b.c", "a@café.fr", "a\x00@b.c", strings.Repeat("a", 65) + "@example.com",
		"a@" + strings.Repeat("b", 64) + ".com", "a@" + strings.Repeat("b.", 126) + "com",
	}
	for _, s := range good {
		if !validEmail(s) {
			t.Errorf("validEmail(%q) = false, want true", s)
		}
	}
	for _, s := range bad {
		if validEmail(s) {
			t.Errorf("validEmail(%q) = true, want false", s)
		}
	}
}

func TestSubscriptionName(t *testing.T) {
	good := []string{"acme.example", "a.b", "localhost", "xn--caf-dma.fr", "café.fr", "Example.COM", "a-b.c1"}
	bad := []string{"", ".", "..", "../x", "a/b", "a b.c", "a..b", ".a", "a.", "-a.b", "a-.b", "a_b.c",
		"a\x00b", "caf\xe9.fr", "a\u200bb.c", strings.Repeat("a", 64) + ".b", strings.Repeat("a.", 127) + "b"}
	for _, s := range good {
		if !validDomain(s, true) {
			t.Errorf("subscription %q refused", s)
		}
	}
	for _, s := range bad {
		if validDomain(s, true) {
			t.Errorf("subscription %q accepted", s)
		}
	}
}
