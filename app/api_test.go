package app

import (
	"context"
	"errors"
	"testing"

	"coffre/engine/account"
)

// stubFetch answers every call with one status and body, and records the last request.
func stubFetch(t *testing.T, code int, body string, err error) *[]string {
	t.Helper()
	var seen []string
	old := fetch
	fetch = func(ctx context.Context, method, path string, b []byte) (int, []byte, error) {
		seen = []string{method, path, string(b)}
		return code, []byte(body), err
	}
	t.Cleanup(func() { fetch = old })
	return &seen
}

func TestCallDecodesAnswer(t *testing.T) {
	seen := stubFetch(t, 200, `{"login":"admin","role":"admin"}`, nil)
	var me account.Me
	if f := call(context.Background(), "POST", "/api/login", credentials{Login: "admin", Password: "pw", Next: "/x"}, &me); f != nil {
		t.Fatal(f)
	}
	if me.Login != "admin" || me.Role != "admin" {
		t.Errorf("me = %+v", me)
	}
	if got := (*seen)[2]; got != `{"login":"admin","password":"pw"}` {
		t.Errorf("body sent = %s (Next must stay in the browser)", got)
	}
}

func TestCallFailures(t *testing.T) {
	tests := []struct {
		name       string
		code       int
		body       string
		err        error
		wantStatus int
		wantCode   string
	}{
		{"problem", 401, `{"error":"login failed","code":"login_failed"}`, nil, 401, "login_failed"},
		{"not found", 404, `{"error":"no such client","code":"not_found"}`, nil, 404, "not_found"},
		{"no JSON", 502, `<html>Bad Gateway</html>`, nil, 502, "server_error"},
		{"unreachable", 0, "", errors.New("connection refused"), 0, "network"},
		{"bad JSON on 200", 200, `{"login":`, nil, 0, "server_error"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stubFetch(t, tt.code, tt.body, tt.err)
			var me account.Me
			f := call(context.Background(), "GET", "/api/me", nil, &me)
			if f == nil {
				t.Fatal("no failure")
			}
			if f.HTTPStatus != tt.wantStatus || f.Problem.Code != tt.wantCode {
				t.Errorf("failure = %d %q, want %d %q", f.HTTPStatus, f.Problem.Code, tt.wantStatus, tt.wantCode)
			}
			if problemText(langFR, f.Problem) == "" {
				t.Error("no words for the failure")
			}
		})
	}
}

func TestClientPathEscapes(t *testing.T) {
	for login, want := range map[string]string{
		"acme": "/api/clients/acme", "a/b": "/api/clients/a%2Fb", "..": "/api/clients/..", "a?b": "/api/clients/a%3Fb",
	} {
		if got := clientPath(login); got != want {
			t.Errorf("clientPath(%q) = %q, want %q", login, got, want)
		}
	}
}
