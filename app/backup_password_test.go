package app

import (
	"context"
	"net/url"
	"strings"
	"testing"
)

// A backup password goes in the header percent-encoded after the RFC 8187 prefix (a browser
// refuses a header beyond Latin-1), and only on the calls of a context that carries it.
func TestBackupPasswordHeader(t *testing.T) {
	if h := requestHeaders(context.Background()); h != nil {
		t.Errorf("a context without a password sends %v", h)
	}
	const pw = "mot de passe d'été € 100%"
	h := requestHeaders(withBackupPassword(context.Background(), pw))
	v, ok := strings.CutPrefix(h[passwordHeader], "UTF-8''")
	if !ok {
		t.Fatalf("header %q", h[passwordHeader])
	}
	for _, r := range v {
		if r > 0x7e || r < 0x21 {
			t.Fatalf("header %q holds %q", v, r)
		}
	}
	if got, err := url.PathUnescape(v); err != nil || got != pw {
		t.Errorf("decoded %q (%v), want %q", got, err, pw)
	}
	if h := requestHeaders(withBackupPassword(context.Background(), "")); h != nil {
		t.Errorf("an empty password sends %v", h)
	}
}
