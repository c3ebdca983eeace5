package app

import (
	"net/url"
	"strings"
	"testing"
)

func TestPathLogin(t *testing.T) {
	tests := []struct{ path, prefix, want string }{
		{"/clients/acme", "/clients/", "acme"},
		{"/customer/acme/account", "/customer/", "acme"},
		{"/customer/a%2Fb/backups", "/customer/", "a/b"},
		{"/customer/", "/customer/", ""},
		{"/clients", "/clients/", ""},
		{"/customer/%zz", "/customer/", ""},
	}
	for _, tt := range tests {
		if got := pathLogin(tt.path, tt.prefix); got != tt.want {
			t.Errorf("pathLogin(%q) = %q, want %q", tt.path, got, tt.want)
		}
	}
}

// After logging in the panel goes to ?next=, which must never lead to another site.
func TestLoginPathStaysOnSite(t *testing.T) {
	tests := []struct{ from, want string }{
		{"/clients/acme", "/login?next=%2Fclients%2Facme"},
		{"/customer/acme/account?x=1", "/login?next=%2Fcustomer%2Facme%2Faccount%3Fx%3D1"},
		{"/", "/login"},
		{"//evil.example/x", "/login"},
		{`/\evil.example`, "/login"},
		{"/\t/evil.example", "/login"},
		{"https://evil.example/", "/login"},
	}
	for _, tt := range tests {
		if got := loginPath(tt.from); got != tt.want {
			t.Errorf("loginPath(%q) = %q, want %q", tt.from, got, tt.want)
		}
	}
}

// FuzzIsLocalPath: whatever ?next= holds, a path accepted as local resolves to this site.
func FuzzIsLocalPath(f *testing.F) {
	for _, s := range []string{"/", "/clients", "//evil", `/\evil`, "https://x/", "/%2F%2Fevil", "/./x", "\t/x", ""} {
		f.Add(s)
	}
	base, _ := url.Parse("https://panel.example/login")
	f.Fuzz(func(t *testing.T, next string) {
		if !isLocalPath(next) {
			return
		}
		// Read it as a browser does: tabs and newlines dropped, backslashes as slashes.
		u, err := url.Parse(strings.NewReplacer("\t", "", "\n", "", "\r", "", `\`, "/").Replace(next))
		if err != nil {
			return // the browser would not navigate anywhere else either
		}
		if got := base.ResolveReference(u); got.Host != base.Host || got.Scheme != base.Scheme {
			t.Errorf("isLocalPath(%q) but it resolves to %s", next, got)
		}
	})
}
