package api

import (
	"context"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"coffre/engine/account"
	"coffre/server/jobs"
	"coffre/server/lock"
	"coffre/server/tasks"
)

// fill writes files into a client's webspace.
func (s *site) fill(login string, files map[string]string) {
	s.t.Helper()
	for rel, data := range files {
		p := filepath.Join(s.roots[login], rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			s.t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			s.t.Fatal(err)
		}
	}
}

func decodeAs[T any](t *testing.T, r reply) T {
	t.Helper()
	var v T
	if err := json.Unmarshal([]byte(r.body), &v); err != nil {
		t.Fatalf("%d %q: %v", r.status, r.body, err)
	}
	return v
}

const fullBackup = `{"scope":"account","mail":true,"files":true,"storage":"server","comment":"from the panel"}`

func TestBackupTaskThroughTheAPI(t *testing.T) {
	s := newSite(t)
	s.fill("acme", map[string]string{"httpdocs/index.php": "<?php echo 1;", "logs/access.log": "GET /"})
	for _, who := range []string{"admin", "acme"} {
		c := s.login(who)
		r := s.do("POST", "/api/clients/acme/backups", `{"client":"bob","scope":"account","files":true,"storage":"server"}`, c)
		queued := decodeAs[tasks.Task](t, r)
		if r.status != 202 || queued.Client != "acme" || queued.Kind != tasks.KindBackup || queued.ID == "" {
			t.Fatalf("%s starts a backup: %d %s", who, r.status, r.body)
		}
		done, err := s.runner.Wait(context.Background(), queued.ID)
		if err != nil || done.Status != tasks.Done {
			t.Fatalf("task %+v: %v", done, err)
		}
		got := decodeAs[tasks.Task](t, s.do("GET", "/api/tasks/"+queued.ID, "", c))
		if got.Status != tasks.Done || got.Progress.Phase != "done" || len(got.Log) == 0 || got.Result == nil {
			t.Errorf("GET the task: %+v", got)
		}
	}
	admin := s.login("admin")
	list := decodeAs[[]jobs.Listed](t, s.do("GET", "/api/clients/acme/backups", "", admin))
	if len(list) != 2 || list[0].Storage != "server" || list[0].Type != "full" || !list[0].Created.After(list[1].Created) &&
		list[0].Name < list[1].Name {
		t.Fatalf("backups, newest first: %+v", list)
	}
	if list := decodeAs[[]jobs.Listed](t, s.do("GET", "/api/clients/bob/backups", "", admin)); list == nil || len(list) != 0 {
		t.Errorf("bob's backups: %v, want []", list)
	}
	clients := decodeAs[[]account.ClientSummary](t, s.do("GET", "/api/clients", "", admin))
	if clients[0].Login != "acme" || clients[0].LastBackup == nil || !clients[0].LastBackup.Equal(list[0].Created) ||
		clients[1].LastBackup != nil {
		t.Errorf("last backups in the Clients list: %+v", clients)
	}
	mine := decodeAs[[]tasks.Task](t, s.do("GET", "/api/clients/acme/tasks", "", s.login("acme")))
	all := decodeAs[[]tasks.Task](t, s.do("GET", "/api/tasks", "", admin))
	if len(mine) != 2 || len(all) != 2 || mine[0].ID != all[0].ID || mine[0].ID <= mine[1].ID && len(mine[0].ID) == len(mine[1].ID) {
		t.Errorf("tasks, newest first: mine %+v, all %+v", mine, all)
	}
}

func TestTheServerChecksRequestsAndRights(t *testing.T) {
	s := newSite(t)
	if err := s.st.SetRights("bob", account.Rights{ServerStorage: true}); err != nil {
		t.Fatal(err)
	}
	bob := s.login("bob")
	tests := []struct {
		name, body string
		status     int
		code       string
		fields     []string // field/code
	}{
		{"account backup without the right", fullBackup, 403, "forbidden", []string{"scope/right_account_backup"}},
		{"FTP storage forced", `{"scope":"websites","files":true,"storage":"ftp"}`, 403, "forbidden",
			[]string{"storage/right_ftp_storage", "storage/ftp_not_configured"}},
		{"header injection", `{"scope":"websites","files":true,"storage":"server","notify":"a@b.c\r\nBcc: x@y.z"}`, 400,
			"invalid_request", []string{"notify/invalid_email"}},
		{"invalid patterns", `{"scope":"websites","files":true,"storage":"server","exclude":"../x, a\\tb"}`, 400,
			"invalid_request", []string{"exclude/invalid_patterns"}},
		{"another client's subscription", `{"scope":"websites","files":true,"storage":"server","subscriptions":["acme.example"]}`,
			400, "invalid_request", []string{"subscriptions/unknown_subscription"}},
		{"unknown storage", `{"scope":"websites","files":true,"storage":"s3"}`, 400, "invalid_request",
			[]string{"storage/invalid_storage"}},
	}
	for _, tt := range tests {
		r := s.do("POST", "/api/clients/bob/backups", tt.body, bob)
		p := problem(t, r)
		var fields []string
		for _, f := range p.Fields {
			fields = append(fields, f.Field+"/"+f.Code)
		}
		if r.status != tt.status || p.Code != tt.code || strings.Join(fields, " ") != strings.Join(tt.fields, " ") {
			t.Errorf("%s: %d %s, want %d %s %v", tt.name, r.status, r.body, tt.status, tt.code, tt.fields)
		}
	}
	if list, _ := s.runner.List(tasks.Filter{}); len(list) != 0 {
		t.Errorf("refused requests made tasks: %+v", list)
	}
	r := s.do("POST", "/api/clients/bob/backups", `{"scope":"websites","files":true,"storage":"server"}`, bob)
	if r.status != 202 {
		t.Errorf("what bob may do: %d %s", r.status, r.body)
	}
}

func TestPreviewSaysWhatIsLeftOut(t *testing.T) {
	s := newSite(t)
	files := map[string]string{"httpdocs/index.php": "x", "httpdocs/error.log": "12345", "logs/access": "123",
		"httpdocs/cache/a": "1", "private/keep.txt": "k"}
	for i := range 60 {
		files[filepath.Join("tmp", "f"+strings.Repeat("x", i))] = "z"
	}
	s.fill("acme", files)
	acme := s.login("acme")
	r := s.do("POST", "/api/clients/acme/preview", `{"files":true,"excludeLogs":true,"exclude":"/httpdocs/cache\nhtdocs/*.bak"}`, acme)
	got := decodeAs[jobs.PreviewResult](t, r)
	want := []string{"acme.example/httpdocs/cache/", "acme.example/httpdocs/cache/a", "acme.example/httpdocs/error.log"}
	if r.status != 200 || got.Files != 2 || got.Dirs != 1 || got.Bytes != 6 || strings.Join(got.Paths, " ") != strings.Join(want, " ") ||
		got.Truncated || strings.Join(got.Unmatched, " ") != "htdocs/*.bak" {
		t.Errorf("preview: %d %+v, want %v, a directory counted apart and the mistyped pattern named", r.status, got, want)
	}
	r = s.do("POST", "/api/clients/acme/preview", `{"exclude":"**/tmp"}`, acme)
	got = decodeAs[jobs.PreviewResult](t, r)
	if got.Files != 60 || got.Dirs != 1 || len(got.Paths) != jobs.PreviewPaths || !got.Truncated || got.Paths[0] != "acme.example/tmp/" ||
		len(got.Unmatched) != 0 {
		t.Errorf("a large exclusion: %d files, %d paths, truncated %v", got.Files, len(got.Paths), got.Truncated)
	}
	r = s.do("POST", "/api/clients/acme/preview", `{"exclude":"a/../b"}`, acme)
	if p := problem(t, r); r.status != 400 || p.Code != "invalid_request" || p.Fields[0].Field != "exclude" {
		t.Errorf("an invalid pattern: %d %s", r.status, r.body)
	}
	if list, _ := s.runner.List(tasks.Filter{}); len(list) != 0 {
		t.Errorf("a preview made a task: %+v", list)
	}
	if entries, _ := os.ReadDir(filepath.Join(s.st.Dir(), jobs.StorageDir)); len(entries) != 0 {
		t.Errorf("a preview touched the storage: %v", entries)
	}
}

func TestCancelAQueuedTask(t *testing.T) {
	s := newSite(t)
	release, err := lock.TryClient(s.st.Dir(), "acme") // as if a CLI backup of acme ran
	if err != nil {
		t.Fatal(err)
	}
	defer release()
	acme := s.login("acme")
	queued := decodeAs[tasks.Task](t, s.do("POST", "/api/clients/acme/backups", fullBackup, acme))
	r := s.do("POST", "/api/tasks/"+queued.ID+"/cancel", "", acme)
	if got := decodeAs[tasks.Task](t, r); r.status != 200 || got.Status != tasks.Cancelled {
		t.Errorf("cancel: %d %s", r.status, r.body)
	}
}

// Client bob's session on every route, with acme's objects and look-alike ids, gets exactly
// what a missing object gets; the administrator's routes answer 403 whatever the object.
func TestEveryRouteRefusesAnotherClient(t *testing.T) {
	s := newSite(t)
	release, err := lock.TryClient(s.st.Dir(), "acme") // keeps acme's task queued
	if err != nil {
		t.Fatal(err)
	}
	defer release()
	admin, bob := s.login("admin"), s.login("bob")
	task := decodeAs[tasks.Task](t, s.do("POST", "/api/clients/acme/backups", fullBackup, admin))
	missing := s.do("GET", "/api/clients/nobody", "", bob).body
	forbidden := s.do("GET", "/api/clients", "", bob).body
	logins := []string{"acme", "nobody", "acme2", "ACME", "a%2Fb", "acme%2F", "bob2", "bo", "bob%00", "bob%2Fx", "admin", "a/b"}
	ids := []string{task.ID, "0", "999", "0" + task.ID, task.ID + "%2F", "a%2Fb", "-1", "1e0", task.ID + "/x", "%20" + task.ID}
	routes := []struct{ method, path, body string }{
		{"GET", "/api/clients/{login}", ""},
		{"GET", "/api/clients/{login}/backups", ""},
		{"POST", "/api/clients/{login}/backups", fullBackup},
		{"POST", "/api/clients/{login}/preview", `{"files":true,"excludeLogs":true}`},
		{"GET", "/api/clients/{login}/tasks", ""},
		{"PUT", "/api/clients/{login}/password", `{"password":"taken-over-1"}`},
		{"PUT", "/api/clients/{login}/databases/acme.example/shop", `{"engine":"postgres"}`},
		{"GET", "/api/tasks/{id}", ""},
		{"POST", "/api/tasks/{id}/cancel", ""},
		{"DELETE", "/api/clients/{login}/backups", ""},
		{"GET", "/api/clients/{login}/backups?storage=ftp", ""},
		{"POST", "/api/clients/{login}/restores", `{"backup":"acme_2026-11-25T093000Z_full","storage":"server"}`},
		{"POST", "/api/clients/{login}/restores/preview", `{"backup":"acme_2026-11-25T093000Z_full","storage":"server","paths":["httpdocs"]}`},
		{"GET", "/api/clients/{login}/ftp", ""},
		{"GET", "/api/clients/{login}/backups/acme_2026-11-25T093000Z_full/tree?path=acme.example", ""},
		{"GET", "/api/clients/{login}/backups/acme_2026-11-25T093000Z_full/search?q=index", ""},
		{"GET", "/api/clients/{login}/backups/acme_2026-11-25T093000Z_full/versions?path=acme.example/httpdocs", ""},
		{"PUT", "/api/clients/{login}/ftp", `{"host":"evil.example","port":21,"user":"x","tls":"none"}`},
		{"POST", "/api/clients/{login}/ftp/test", `{"host":"127.0.0.1","port":21,"user":"x","tls":"none"}`},
		{"GET", "/api/clients/{login}/backups/server/acme_2026-11-25T093000Z_full/download", ""},
		{"GET", "/api/clients/{login}/backups/server/acme_2026-11-25T093000Z_full/download/acme_2026-11-25T093000Z_full.tar.zst", ""},
		{"GET", "/api/clients/{login}/backups/server/acme_2026-11-25T093000Z_full/dependents", ""},
		{"DELETE", "/api/clients/{login}/backups/server/acme_2026-11-25T093000Z_full", `{"confirm":["acme_2026-11-25T093000Z_full"]}`},
		{"POST", "/api/clients/{login}/backups/server/acme_2026-11-25T093000Z_full/verify", ""},
		{"POST", "/api/clients/{login}/uploads", ""},
		{"GET", "/api/clients/{login}/schedule", ""},
		{"PUT", "/api/clients/{login}/schedule", `{"when":{"every":"daily","at":"02:00"},"backup":` + fullBackup + `}`},
		{"DELETE", "/api/clients/{login}/schedule", ""},
		{"POST", "/api/clients/{login}/schedule/preview", `{"when":{"every":"daily","at":"02:00"},"backup":` + fullBackup + `}`},
		{"PUT", "/api/clients/{login}/backups/server/acme_2026-11-25T093000Z_full/keep", `{"kept":true}`},
	}
	for _, rt := range routes {
		for _, p := range expand(rt.path, logins, ids) {
			r := s.do(rt.method, p, rt.body, bob)
			if r.status != 404 || r.body != missing {
				t.Errorf("bob %s %s: %d %s, want the 404 of a missing object", rt.method, p, r.status, r.body)
			}
		}
	}
	for _, rt := range []struct{ method, path, body string }{
		{"GET", "/api/tasks", ""}, {"GET", "/api/settings/smtp", ""}, {"GET", "/api/clients", ""},
		{"PUT", "/api/settings/smtp", `{"host":"evil.example","port":25,"tls":"none","from":"a@b.c"}`},
		{"POST", "/api/settings/smtp/test", `{"to":"a@b.c"}`}, {"PUT", "/api/clients/bob/password", `{"password":"bob-new-pw-1"}`},
		{"PUT", "/api/clients/bob/databases/bob.example/db", `{"engine":"postgres"}`},
		{"GET", "/api/schedules", ""},
	} {
		if r := s.do(rt.method, rt.path, rt.body, bob); r.status != 403 || r.body != forbidden {
			t.Errorf("bob %s %s: %d %s, want 403 forbidden", rt.method, rt.path, r.status, r.body)
		}
	}
	if got, _ := s.runner.Get(task.ID); got.Status != tasks.Queued {
		t.Errorf("acme's task is %s after bob's attempts", got.Status)
	}
	if list, _ := s.runner.List(tasks.Filter{}); len(list) != 1 {
		t.Errorf("bob's attempts made tasks: %+v", list)
	}
	s.login("acme") // its password is unchanged
	if r := s.do("GET", "/api/settings/smtp", "", admin); strings.Contains(r.body, "evil") {
		t.Errorf("bob changed the SMTP settings: %s", r.body)
	}
}

// expand fills a route's {login} and {id} with each value.
func expand(path string, logins, ids []string) []string {
	switch {
	case strings.Contains(path, "{login}"):
		var out []string
		for _, l := range logins {
			out = append(out, strings.Replace(path, "{login}", l, 1))
		}
		return out
	case strings.Contains(path, "{id}"):
		var out []string
		for _, id := range ids {
			out = append(out, strings.Replace(path, "{id}", id, 1))
		}
		return out
	}
	return []string{path}
}

func TestSMTPSettingsNeverShowThePassword(t *testing.T) {
	s := newSite(t)
	admin := s.login("admin")
	r := s.do("GET", "/api/settings/smtp", "", admin)
	if r.status != 200 || !strings.Contains(r.body, `"hasPassword":false`) {
		t.Errorf("no settings yet: %d %s", r.status, r.body)
	}
	set := `{"host":"127.0.0.1","port":1,"tls":"none","user":"coffre","password":"relay-secret-77","from":"coffre@host.example"}`
	for _, r := range []reply{
		s.do("PUT", "/api/settings/smtp", set, admin),
		s.do("PUT", "/api/settings/smtp", strings.Replace(set, `"password":"relay-secret-77",`, "", 1), admin),
		s.do("GET", "/api/settings/smtp", "", admin),
	} {
		if r.status != 200 || !strings.Contains(r.body, `"hasPassword":true`) || strings.Contains(r.body, "relay-secret") ||
			strings.Contains(r.body, `"password"`) {
			t.Errorf("settings: %d %s", r.status, r.body)
		}
	}
	r = s.do("PUT", "/api/settings/smtp", `{"host":"mail.example.com","port":25,"tls":"none","user":"u","password":"pw-in-clear","from":"a@b.c"}`, admin)
	if p := problem(t, r); r.status != 400 || p.Code != "insecure_auth" {
		t.Errorf("a password in clear: %d %s", r.status, r.body)
	}
	r = s.do("POST", "/api/settings/smtp/test", `{"to":"admin@host.example\r\nBcc: x@y.z"}`, admin)
	if p := problem(t, r); r.status != 400 || p.Code != "invalid_email" {
		t.Errorf("test mail to a header injection: %d %s", r.status, r.body)
	}
	r = s.do("POST", "/api/settings/smtp/test", `{"to":"admin@host.example"}`, admin)
	if p := problem(t, r); r.status != 502 || p.Code != "mail_failed" || strings.Contains(r.body, "relay-secret") {
		t.Errorf("test mail to a closed port: %d %s", r.status, r.body)
	}
	db, _ := os.ReadFile(filepath.Join(s.st.Dir(), "coffre.db"))
	if strings.Contains(string(db), "relay-secret-77") || strings.Contains(s.logs.String(), "relay-secret-77") {
		t.Error("the SMTP password is in clear in the store or the log")
	}
}

func TestAdministratorSetsAClientsPassword(t *testing.T) {
	s := newSite(t)
	admin, old := s.login("admin"), s.login("acme")
	if r := s.do("PUT", "/api/clients/acme/password", `{"password":"short"}`, admin); r.status != 400 || problem(t, r).Code != "invalid_password" {
		t.Errorf("a short password: %d %s", r.status, r.body)
	}
	if r := s.do("PUT", "/api/clients/admin/password", `{"password":"admin-takeover"}`, admin); r.status != 404 {
		t.Errorf("admin through the clients route: %d %s", r.status, r.body)
	}
	if r := s.do("PUT", "/api/clients/acme/password", `{"password":"acme-new-password"}`, admin); r.status != http.StatusNoContent {
		t.Fatalf("set: %d %s", r.status, r.body)
	}
	if r := s.do("GET", "/api/me", "", old); r.status != 401 {
		t.Errorf("acme's old session: %d", r.status)
	}
	r := s.do("POST", "/api/login", `{"login":"acme","password":"acme-new-password"}`, nil)
	if r.status != 200 {
		t.Errorf("acme logs in with its new password: %d %s", r.status, r.body)
	}
}
