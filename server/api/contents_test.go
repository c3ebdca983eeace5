package api

import (
	"context"
	"fmt"
	"net/url"
	"testing"

	"coffre/engine/browse"
	"coffre/server/jobs"
	"coffre/server/tasks"
)

// backupNow runs a backup of acme through the API and returns its name.
func (s *site) backupNow(body string) string {
	s.t.Helper()
	admin := s.login("admin")
	queued := decodeAs[tasks.Task](s.t, s.do("POST", "/api/clients/acme/backups", body, admin))
	if done, err := s.runner.Wait(context.Background(), queued.ID); err != nil || done.Status != tasks.Done {
		s.t.Fatalf("backup %+v: %v", done, err)
	}
	list := decodeAs[[]jobs.Listed](s.t, s.do("GET", "/api/clients/acme/backups", "", admin))
	return list[0].Name
}

func TestBackupContentsThroughTheAPI(t *testing.T) {
	s := newSite(t)
	files := map[string]string{"httpdocs/index.php": "<?php echo 1;", "httpdocs/img/Logo.png": "png"}
	for i := 0; i < 30; i++ {
		files[fmt.Sprintf("httpdocs/many/p%02d.html", i)] = "page"
	}
	s.fill("acme", files)
	first := s.backupNow(`{"scope":"websites","files":true,"storage":"server"}`)
	s.fill("acme", map[string]string{"httpdocs/index.php": "<?php echo 2; // changed"})
	second := s.backupNow(`{"scope":"websites","files":true,"storage":"server","incremental":true}`)
	acme := s.login("acme")
	base := "/api/clients/acme/backups/" + second
	r := s.do("GET", base+"/tree", "", acme)
	top := decodeAs[contentsView](t, r)
	if r.status != 200 || top.Backup != second || top.Total != 1 || top.Items[0].Path != "acme.example" {
		t.Fatalf("top of the tree: %d %s", r.status, r.body)
	}
	page := decodeAs[contentsView](t, s.do("GET", base+"/tree?path=acme.example/httpdocs/many&offset=10&limit=5", "", acme))
	if page.Total != 30 || len(page.Items) != 5 || page.Items[0].Name != "p10.html" || page.Items[0].Holder != first {
		t.Errorf("a page: %+v", page.Page)
	}
	found := decodeAs[browse.Found](t, s.do("GET", base+"/search?q=LOGO", "", acme))
	if len(found.Items) != 1 || found.Items[0].Path != "acme.example/httpdocs/img/Logo.png" {
		t.Errorf("search: %+v", found)
	}
	vs := decodeAs[[]browse.Version](t, s.do("GET", base+"/versions?path="+url.QueryEscape("acme.example/httpdocs/index.php"), "", acme))
	if len(vs) != 2 || vs[0].Holder != second || vs[1].Holder != first || vs[1].Size != 13 {
		t.Errorf("versions: %+v", vs)
	}
	for _, bad := range []string{base + "/tree?path=acme.example/nope", base + "x/tree", base + "/tree?storage=ftp",
		"/api/clients/acme/backups/..%2F" + second + "/tree", base + "/versions?path=acme.example/nope"} {
		r := s.do("GET", bad, "", acme)
		if bad == base+"/versions?path=acme.example/nope" {
			if r.status != 200 || r.body != "[]\n" && r.body != "[]" {
				t.Errorf("%s: %d %s, want no version", bad, r.status, r.body)
			}
			continue
		}
		if r.status != 404 {
			t.Errorf("%s: %d %s, want 404", bad, r.status, r.body)
		}
	}
	for _, bad := range []string{base + "/tree?offset=-1", base + "/tree?limit=x", base + "/tree?storage=s3", base + "/versions"} {
		if r := s.do("GET", bad, "", acme); r.status != 400 {
			t.Errorf("%s: %d %s, want 400", bad, r.status, r.body)
		}
	}
	// bob, in his own client's routes, with acme's backup names: nothing of acme's.
	bob := s.login("bob")
	missing := s.do("GET", "/api/clients/nobody", "", bob).body
	for _, p := range []string{"/tree", "/search?q=index", "/versions?path=acme.example/httpdocs/index.php"} {
		for _, pre := range []string{"/api/clients/bob/backups/" + second, "/api/clients/acme/backups/" + second} {
			if r := s.do("GET", pre+p, "", bob); r.status != 404 || r.body != missing {
				t.Errorf("bob GET %s: %d %s", pre+p, r.status, r.body)
			}
		}
	}
}
