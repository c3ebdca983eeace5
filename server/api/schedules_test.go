package api

import (
	"strings"
	"testing"

	"coffre/engine/spec"
)

// A client sets, previews, reads and turns off its own schedule; what is wrong is said per field;
// the administrator lists every schedule; a backup kept forever is listed so.
func TestClientSetsItsOwnSchedule(t *testing.T) {
	s := newSite(t)
	acme, admin := s.login("acme"), s.login("admin")
	daily := `{"when":{"every":"daily","at":"02:00"},"retention":{"last":1},"retentionScope":"storage","backup":` + fullBackup + `}`

	bad := s.do("PUT", "/api/clients/acme/schedule", `{"when":{"every":"weekly","at":"25:00","weekday":9},"retention":{"daily":-1},"backup":`+fullBackup+`}`, acme)
	p := problem(t, bad)
	fields := map[string]string{}
	for _, f := range p.Fields {
		fields[f.Field] = f.Code
	}
	if bad.status != 400 || fields["at"] != "invalid_at" || fields["weekday"] != "invalid_weekday" || fields["daily"] != "invalid_retention_count" {
		t.Errorf("a wrong schedule: %d %+v", bad.status, p.Fields)
	}
	if r := s.do("PUT", "/api/clients/acme/schedule", `{"when":{"every":"daily","at":"02:00"},"backup":{"scope":"account","files":true,"storage":"ftp"}}`, acme); r.status != 403 ||
		!strings.Contains(r.body, spec.CodeFTPNotConfigured) {
		t.Errorf("a schedule to an FTP storage not set up: %d %s", r.status, r.body)
	}

	first := s.do("POST", "/api/clients/acme/backups", fullBackup, acme)
	task := decodeAs[struct{ ID string }](t, first)
	s.runner.Wait(t.Context(), task.ID)
	second := s.do("POST", "/api/clients/acme/backups", fullBackup, acme)
	s.runner.Wait(t.Context(), decodeAs[struct{ ID string }](t, second).ID)
	pv := decodeAs[struct {
		NextText string
		Plan     struct{ Delete []struct{ Names []string } }
	}](t, s.do("POST", "/api/clients/acme/schedule/preview", daily, acme))
	if !strings.Contains(pv.NextText, "02:00") || len(pv.Plan.Delete) != 1 || len(pv.Plan.Delete[0].Names) != 1 {
		t.Errorf("preview: %+v", pv)
	}

	if r := s.do("PUT", "/api/clients/acme/schedule", daily, acme); r.status != 200 || !strings.Contains(r.body, `"nextText":"`) {
		t.Fatalf("set: %d %s", r.status, r.body)
	}
	if r := s.do("GET", "/api/clients/acme/schedule", "", acme); !strings.Contains(r.body, `"every":"daily"`) || !strings.Contains(r.body, `"schedule":"default"`) {
		t.Errorf("get: %s", r.body)
	}
	if r := s.do("GET", "/api/schedules", "", admin); r.status != 200 || !strings.Contains(r.body, `"client":"acme"`) {
		t.Errorf("the administrator's list: %d %s", r.status, r.body)
	}
	list := decodeAs[[]struct{ Name string }](t, s.do("GET", "/api/clients/acme/backups?storage=server", "", acme))
	if r := s.do("PUT", "/api/clients/acme/backups/server/"+list[0].Name+"/keep", `{"kept":true}`, acme); r.status != 204 {
		t.Errorf("keep: %d %s", r.status, r.body)
	}
	if r := s.do("GET", "/api/clients/acme/backups?storage=server", "", acme); !strings.Contains(r.body, `"kept":true`) {
		t.Errorf("the kept backup is not listed so: %s", r.body)
	}
	if r := s.do("PUT", "/api/clients/acme/backups/server/acme_2020-01-01T000000Z_full/keep", `{"kept":true}`, acme); r.status != 404 {
		t.Errorf("keep a missing backup: %d %s", r.status, r.body)
	}
	if r := s.do("DELETE", "/api/clients/acme/schedule", "", acme); r.status != 204 {
		t.Errorf("off: %d %s", r.status, r.body)
	}
	if r := s.do("GET", "/api/clients/acme/schedule", "", acme); r.body != `{"schedule":null}`+"\n" && r.body != `{"schedule":null}` {
		t.Errorf("after off: %s", r.body)
	}
}
