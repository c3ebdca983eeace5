package api

import (
	"strings"
	"testing"
)

// Without mail settings a notification is refused when the task is asked for, not found
// missing when it ends; every user may ask whether notifications are available.
func TestANotificationWithoutMailSettingsIsRefusedUpFront(t *testing.T) {
	s := newSite(t)
	acme := s.login("acme")
	if r := s.do("GET", "/api/notifications", "", acme); r.status != 200 || !strings.Contains(r.body, `"available":false`) {
		t.Fatalf("notifications before any settings: %d %s", r.status, r.body)
	}
	r := s.do("POST", "/api/clients/acme/backups", `{"scope":"account","files":true,"storage":"server","notify":"owner@acme.example"}`, acme)
	p := problem(t, r)
	if r.status != 400 || p.Cause != "smtp_not_set_up" || len(p.Fields) != 1 || p.Fields[0].Field != "notify" ||
		p.Fields[0].Code != codeNoMail {
		t.Errorf("backup with a notification and no mail settings: %d %s", r.status, r.body)
	}
	if r := s.do("GET", "/api/clients/acme/tasks", "", acme); strings.Contains(r.body, `"kind"`) {
		t.Errorf("a task was queued: %s", r.body)
	}
	admin := s.login("admin")
	set := `{"host":"mail.host.example","port":587,"tls":"starttls","from":"coffre@host.example"}`
	if r := s.do("PUT", "/api/settings/smtp", set, admin); r.status != 200 {
		t.Fatalf("save settings: %d %s", r.status, r.body)
	}
	if r := s.do("GET", "/api/notifications", "", acme); !strings.Contains(r.body, `"available":true`) {
		t.Errorf("notifications once set up: %s", r.body)
	}
}
