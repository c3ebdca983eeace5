package api

import (
	"bytes"
	"log/slog"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func TestAccessLogHasNoSecrets(t *testing.T) {
	s := newSite(t)
	var logs bytes.Buffer
	log := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	h := AccessLog(log, time.Now, New(Config{Store: s.st, Log: log}))
	req := httptest.NewRequest("POST", "/api/login?token=abc", strings.NewReader(`{"login":"admin","password":"admin-password"}`))
	req.Header.Set("Content-Type", "application/json")
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	cookie := w.Result().Cookies()[0].Value
	req = httptest.NewRequest("GET", "/api/me", nil)
	req.Header.Set("Cookie", "coffre_session="+cookie)
	h.ServeHTTP(httptest.NewRecorder(), req)
	out := logs.String()
	for _, secret := range []string{"admin-password", cookie, "token=abc"} {
		if strings.Contains(out, secret) {
			t.Errorf("the log holds %q:\n%s", secret, out)
		}
	}
	if !strings.Contains(out, "path=/api/me status=200") || !strings.Contains(out, "user=admin") {
		t.Errorf("the log misses the request:\n%s", out)
	}
}

func TestRequestsAreNotLoggedAtInfo(t *testing.T) {
	s := newSite(t)
	var logs bytes.Buffer
	log := slog.New(slog.NewTextHandler(&logs, nil))
	h := AccessLog(log, time.Now, New(Config{Store: s.st, Log: log}))
	for range 3 {
		h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/api/me", nil))
	}
	if strings.Contains(logs.String(), "path=") {
		t.Errorf("requests logged at INFO:\n%s", logs.String())
	}
}
