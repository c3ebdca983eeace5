package api

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"coffre/server/auth"
)

// formPost posts the login form as a browser does, without following the redirect.
func (s *site) formPost(path string, form url.Values, origin string) (*http.Response, *http.Cookie) {
	s.t.Helper()
	req, _ := http.NewRequest("POST", s.srv.URL+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", origin)
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := client.Do(req)
	if err != nil {
		s.t.Fatal(err)
	}
	res.Body.Close()
	for _, c := range res.Cookies() {
		if c.Name == auth.CookieName && c.Value != "" {
			return res, c
		}
	}
	return res, nil
}

func TestFormLogin(t *testing.T) {
	s := newSite(t)
	tests := []struct {
		name, path, login, password string
		location                    string
		session                     bool
	}{
		{"admin at /", "/", "admin", "admin-password", "/clients", true},
		{"client, next kept", "/login?next=%2Fcustomer%2Facme%2Fbackups", "acme", "acme-password", "/customer/acme/backups", true},
		{"next to another host", "/login?next=%2F%2Fevil.example", "Admin ", "admin-password", "/clients", true},
		{"client home", "/login", "bob", "bob-password", "/customer/bob", true},
		{"wrong password", "/login?next=%2Ftasks", "admin", "nope", "/login?error=login_failed&next=%2Ftasks", false},
	}
	for _, tt := range tests {
		res, cookie := s.formPost(tt.path, url.Values{"login": {tt.login}, "password": {tt.password}}, "same-origin")
		if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != tt.location || (cookie != nil) != tt.session {
			t.Errorf("%s: %d to %q, session %v; want 303 to %q, session %v", tt.name, res.StatusCode, res.Header.Get("Location"), cookie != nil, tt.location, tt.session)
		}
		if cookie != nil {
			if r := s.do("GET", "/api/me", "", cookie); r.status != 200 || !strings.Contains(r.body, strings.ToLower(strings.TrimSpace(tt.login))) {
				t.Errorf("%s: the form's session is refused: %d %s", tt.name, r.status, r.body)
			}
		}
	}
	if strings.Contains(s.logs.String(), "nope") || strings.Contains(s.logs.String(), "admin-password") {
		t.Errorf("a password is in the log:\n%s", s.logs)
	}
}

// The one-time password posted in the form leads to the page that changes it, whatever next says.
func TestFormLoginOneTimePassword(t *testing.T) {
	s := newSite(t)
	u, _ := s.st.User("admin")
	u.MustChange = true
	if err := s.st.PutUser(u); err != nil {
		t.Fatal(err)
	}
	res, cookie := s.formPost("/login?next=%2Ftasks", url.Values{"login": {"admin"}, "password": {"admin-password"}}, "same-origin")
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/password" || cookie == nil {
		t.Errorf("a one-time password: %d to %q, session %v; want 303 to /password with a session", res.StatusCode, res.Header.Get("Location"), cookie != nil)
	}
}

// The form counts against the same limit as the API, and a form from another site is refused.
func TestFormLoginLimitsAndOrigin(t *testing.T) {
	s := newSite(t)
	var res *http.Response
	for range 6 {
		res, _ = s.formPost("/login", url.Values{"login": {"acme"}, "password": {"wrong"}}, "same-origin")
	}
	if loc := res.Header.Get("Location"); loc != "/login?error=rate_limited" {
		t.Errorf("the sixth failure goes to %q, want the rate limit", loc)
	}
	res, cookie := s.formPost("/login", url.Values{"login": {"admin"}, "password": {"admin-password"}}, "cross-site")
	if res.StatusCode != http.StatusForbidden || cookie != nil {
		t.Errorf("a cross-site form: %d, session %v; want 403 and no session", res.StatusCode, cookie != nil)
	}
	req, _ := http.NewRequest("POST", s.srv.URL+"/login?password=admin-password", strings.NewReader(`{"login":"admin"}`))
	req.Header.Set("Content-Type", "application/json")
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	r, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	r.Body.Close()
	if loc := r.Header.Get("Location"); loc != "/login?error=bad_request" {
		t.Errorf("a body that is not a form goes to %q, want bad_request", loc)
	}
}
