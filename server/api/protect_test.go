package api

import (
	"context"
	"strings"
	"testing"

	"coffre/server/jobs"
	"coffre/server/tasks"
)

// A backup protected from the API is listed with its lock; restoring, verifying or browsing it
// is refused at once without its password or with another (422), and works with it; the
// password is nowhere in the task.
func TestProtectedBackupThroughTheAPI(t *testing.T) {
	s := newSite(t)
	s.fill("acme", map[string]string{"httpdocs/index.php": "<?php echo 1;"})
	c := s.login("acme")
	const pw = "a long passphrase"
	r := s.do("POST", "/api/clients/acme/backups", `{"scope":"account","files":true,"storage":"server","password":"`+pw+`"}`, c)
	queued := decodeAs[tasks.Task](t, r)
	if r.status != 202 || strings.Contains(r.body, pw) {
		t.Fatalf("protected backup: %d %s", r.status, r.body)
	}
	done, err := s.runner.Wait(context.Background(), queued.ID)
	if err != nil || done.Status != tasks.Done {
		t.Fatalf("task %+v: %v", done, err)
	}
	list := decodeAs[[]jobs.Listed](t, s.do("GET", "/api/clients/acme/backups", "", c))
	if len(list) != 1 || !list[0].Protected {
		t.Fatalf("backups: %+v", list)
	}
	name := list[0].Name
	tree := "/api/clients/acme/backups/" + name + "/tree?storage=server"
	restore := `{"backup":"` + name + `","storage":"server"`
	for _, pwField := range []string{"", `,"password":"wrong one"`} {
		code := "backup_password_required"
		hdr := []string{}
		if pwField != "" {
			code, hdr = "wrong_backup_password", []string{PasswordHeader, "wrong one"}
		}
		for _, r := range []reply{
			s.do("POST", "/api/clients/acme/restores", restore+pwField+`}`, c),
			s.do("POST", "/api/clients/acme/restores/preview", restore+pwField+`}`, c),
			s.do("POST", "/api/clients/acme/backups/server/"+name+"/verify", `{"trustKey":""`+pwField+`}`, c),
			s.do("GET", tree, "", c, hdr...),
		} {
			if p := problem(t, r); r.status != 422 || p.Code != code {
				t.Errorf("password %q: %d %+v, want 422 %s", pwField, r.status, p, code)
			}
		}
	}
	if r := s.do("POST", "/api/clients/acme/restores/preview", restore+`,"password":"`+pw+`"}`, c); r.status != 200 {
		t.Errorf("preview with the password: %d %s", r.status, r.body)
	}
	if r := s.do("GET", tree, "", c, PasswordHeader, pw); r.status != 200 || !strings.Contains(r.body, "acme.example") {
		t.Errorf("tree with the password: %d %s", r.status, r.body)
	}
	r = s.do("POST", "/api/clients/acme/backups/server/"+name+"/verify", `{"password":"`+pw+`"}`, c)
	queued = decodeAs[tasks.Task](t, r)
	if r.status != 202 {
		t.Fatalf("verify with the password: %d %s", r.status, r.body)
	}
	done, err = s.runner.Wait(context.Background(), queued.ID)
	if err != nil || done.Status != tasks.Done {
		t.Fatalf("verify task %+v: %v", done, err)
	}
	all := s.do("GET", "/api/tasks/"+queued.ID, "", c)
	if strings.Contains(all.body, pw) {
		t.Errorf("the task holds the password: %s", all.body)
	}
}

// The administrator sets the minimum free space; a client may not; out of range is refused.
func TestSpaceSettings(t *testing.T) {
	s := newSite(t)
	admin := s.login("admin")
	if r := s.do("PUT", "/api/settings/space", `{"minFree":10737418240}`, admin); r.status != 200 {
		t.Fatalf("set: %d %s", r.status, r.body)
	}
	if got := decodeAs[jobs.SpaceSettings](t, s.do("GET", "/api/settings/space", "", admin)); got.MinFree != 10<<30 {
		t.Errorf("get: %+v", got)
	}
	if r := s.do("PUT", "/api/settings/space", `{"minFree":-1}`, admin); r.status != 400 || problem(t, r).Code != jobs.CodeInvalidMinFree {
		t.Errorf("negative: %d %s", r.status, r.body)
	}
	if r := s.do("PUT", "/api/settings/space", `{"minFree":0}`, s.login("acme")); r.status != 403 {
		t.Errorf("a client sets it: %d %s", r.status, r.body)
	}
}
