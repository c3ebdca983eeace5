package api

import (
	"strings"
	"testing"
)

// A database password with a line break, a NUL or another control character is refused when
// typed (it would break the password files the dump tools read), and never echoed back.
func TestDatabasePasswordControlCharacters(t *testing.T) {
	s := newSite(t)
	admin := s.login("admin")
	for _, pw := range []string{`pw\nline`, `pw\rline`, `pw\u0000x`, `pw\tx`} {
		r := s.do("PUT", "/api/clients/acme/databases/acme.example/shop", `{"engine":"postgres","password":"`+pw+`"}`, admin)
		if r.status != 400 || !strings.Contains(r.body, `"password"`) || strings.Contains(r.body, "line") {
			t.Errorf("password %s: %d %s", pw, r.status, r.body)
		}
	}
	if sealed, _ := s.st.DatabasePassword("acme.example", "shop"); len(sealed) != 0 {
		t.Error("a refused password was saved")
	}
}
