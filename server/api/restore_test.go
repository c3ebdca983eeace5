package api

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"coffre/engine/account"
	"coffre/engine/restore"
	"coffre/engine/spec"
	"coffre/engine/storage"
	"coffre/server/jobs"
	"coffre/server/tasks"
)

// run queues a task through the API and waits for its end.
func (s *site) run(path, body, who string) tasks.Task {
	s.t.Helper()
	r := s.do("POST", path, body, s.login(who))
	queued := decodeAs[tasks.Task](s.t, r)
	if r.status != 202 {
		s.t.Fatalf("POST %s: %d %s", path, r.status, r.body)
	}
	done, err := s.runner.Wait(context.Background(), queued.ID)
	if err != nil {
		s.t.Fatal(err)
	}
	return done
}

func (s *site) read(login, rel string) string {
	data, err := os.ReadFile(filepath.Join(s.roots[login], rel))
	if os.IsNotExist(err) {
		return "(absent)"
	}
	if err != nil {
		s.t.Fatal(err)
	}
	return string(data)
}

// A client previews a restore, restores with a safety backup, then undoes the restore from the
// task's result: the webspace is as it was before the restore.
func TestRestorePreviewSafetyAndUndo(t *testing.T) {
	s := newSite(t)
	s.fill("acme", map[string]string{"httpdocs/index.php": "v1", "httpdocs/gone.txt": "g"})
	b := s.run("/api/clients/acme/backups", `{"scope":"websites","files":true,"storage":"server"}`, "acme")
	var br struct{ Entry struct{ Name string } }
	if err := json.Unmarshal(b.Result, &br); err != nil || b.Status != tasks.Done {
		t.Fatalf("backup %+v: %v", b, err)
	}
	os.Remove(filepath.Join(s.roots["acme"], "httpdocs/gone.txt"))
	s.fill("acme", map[string]string{"httpdocs/index.php": "v2, edited", "httpdocs/new.txt": "n"})
	body := `{"backup":"` + br.Entry.Name + `","storage":"server"}`
	r := s.do("POST", "/api/clients/acme/restores/preview", body, s.login("acme"))
	pv := decodeAs[restore.Preview](t, r)
	if r.status != 200 || pv.Added != 1 || pv.Replaced != 1 || pv.Removed != 1 || len(pv.RemovedPaths) != 1 {
		t.Fatalf("preview: %d %s", r.status, r.body)
	}
	if p := problem(t, s.do("POST", "/api/clients/acme/restores/preview", `{"backup":"`+br.Entry.Name+`","storage":"server","into":"../up"}`, s.login("acme"))); p.Code != "invalid_request" {
		t.Errorf("a folder outside the webspace: %+v", p)
	}
	done := s.run("/api/clients/acme/restores", body, "acme")
	var res restore.Result
	json.Unmarshal(done.Result, &res)
	if done.Status != tasks.Done || res.Safety == "" || s.read("acme", "httpdocs/gone.txt") != "g" ||
		s.read("acme", "httpdocs/new.txt") != "(absent)" {
		t.Fatalf("restore: %+v %+v", done, res)
	}
	undo, _ := json.Marshal(jobs.Undo(mustRestore(t, done), res.Safety))
	if u := s.run("/api/clients/acme/restores", string(undo), "acme"); u.Status != tasks.Done {
		t.Fatalf("undo: %+v", u)
	}
	for rel, want := range map[string]string{"httpdocs/index.php": "v2, edited", "httpdocs/new.txt": "n", "httpdocs/gone.txt": "(absent)"} {
		if got := s.read("acme", rel); got != want {
			t.Errorf("after the undo, %s: %q, want %q", rel, got, want)
		}
	}
	list := decodeAs[[]jobs.Listed](t, s.do("GET", "/api/clients/acme/backups", "", s.login("acme")))
	if len(list) != 2 || list[0].Name != res.Safety || list[0].Spec.SafetyFor != list[1].Name {
		t.Errorf("the safety backup in the listing: %+v", list)
	}
}

func mustRestore(t *testing.T, tk tasks.Task) (r spec.Restore) {
	t.Helper()
	r, err := tk.Restore()
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// A client without the restore right gets neither a preview nor a restore.
func TestRestoreNeedsTheRight(t *testing.T) {
	s := newSite(t)
	if err := s.st.SetRights("bob", account.Rights{ServerStorage: true}); err != nil {
		t.Fatal(err)
	}
	bob := s.login("bob")
	for _, path := range []string{"/api/clients/bob/restores", "/api/clients/bob/restores/preview"} {
		r := s.do("POST", path, `{"backup":"bob_2026-11-25T093000Z_full","storage":"server"}`, bob)
		if p := problem(t, r); r.status != 403 || len(p.Fields) == 0 || p.Fields[0].Code != "right_restore" {
			t.Errorf("%s: %d %s", path, r.status, r.body)
		}
	}
}

// serverStorageOnly makes newSite open only server storages, through a wrapper whose writes
// fail once site.failPuts is set.
var serverStorageOnly bool

// failingPuts is a storage whose writes fail, as on a full disk.
type failingPuts struct{ storage.Storage }

func (failingPuts) Put(context.Context, string, io.Reader) (int64, error) {
	return 0, errors.New("no space left on device")
}

// When the safety backup fails, nothing is restored and the task says so; the same request
// without a safety backup restores.
func TestRestoreStopsWhenTheSafetyBackupFails(t *testing.T) {
	serverStorageOnly = true
	defer func() { serverStorageOnly = false }()
	s := newSite(t)
	s.fill("acme", map[string]string{"httpdocs/index.php": "v1"})
	b := s.run("/api/clients/acme/backups", `{"scope":"websites","files":true,"storage":"server"}`, "acme")
	var br struct{ Entry struct{ Name string } }
	json.Unmarshal(b.Result, &br)
	s.fill("acme", map[string]string{"httpdocs/index.php": "v2"})
	s.failPuts.Store(true)
	body := `{"backup":"` + br.Entry.Name + `","storage":"server"}`
	done := s.run("/api/clients/acme/restores", body, "acme")
	if done.Status != tasks.Failed || !strings.Contains(done.Error, "the safety backup failed, nothing was restored") ||
		s.read("acme", "httpdocs/index.php") != "v2" {
		t.Fatalf("restore with a failing safety backup: %s %q, index.php %q", done.Status, done.Error, s.read("acme", "httpdocs/index.php"))
	}
	done = s.run("/api/clients/acme/restores", `{"backup":"`+br.Entry.Name+`","storage":"server","noSafetyBackup":true}`, "acme")
	if done.Status != tasks.Done || s.read("acme", "httpdocs/index.php") != "v1" {
		t.Errorf("restore without a safety backup: %s %q", done.Status, done.Error)
	}
}
