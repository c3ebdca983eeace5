package cli

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"net/http/cookiejar"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"coffre/engine/backup"
	"coffre/engine/storage"
	"coffre/engine/verify"
	"coffre/server/demo"
	"coffre/server/jobs"
	"coffre/server/store"
	"coffre/server/tasks"
)

// demoData makes a data directory with the demo host: acme (every right, acme.example),
// bistro (websites only), atelier (two subscriptions).
func demoData(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "data")
	st, err := store.Open(dir, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := demo.Seed(context.Background(), st); err != nil {
		t.Fatal(err)
	}
	return dir
}

// runCtx is run with a context.
func runCtx(t *testing.T, ctx context.Context, dir string, args ...string) result {
	t.Helper()
	var out, errOut bytes.Buffer
	code := Main(ctx, Env{Args: append(args, "--data", dir), Stdout: &out, Stderr: &errOut})
	return result{code, out.String(), errOut.String()}
}

// mustRun runs a command that must succeed.
func mustRun(t *testing.T, dir string, args ...string) result {
	t.Helper()
	r := run(t, dir, "", args...)
	if r.code != 0 {
		t.Fatalf("%v: exit %d\nstdout: %s\nstderr: %s", args, r.code, r.stdout, r.stderr)
	}
	return r
}

func decodeJSON[T any](t *testing.T, r result) T {
	t.Helper()
	var v T
	if err := json.Unmarshal([]byte(r.stdout), &v); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, r.stdout)
	}
	return v
}

// backupTask runs `coffre backup ... --json` and returns the task it prints, done.
func backupTask(t *testing.T, dir string, args ...string) (tasks.Task, backup.Result) {
	t.Helper()
	tk := decodeJSON[tasks.Task](t, mustRun(t, dir, append([]string{"backup"}, append(args, "--json")...)...))
	var res backup.Result
	if err := json.Unmarshal(tk.Result, &res); err != nil || tk.Status != tasks.Done || res.Entry.Name == "" {
		t.Fatalf("backup task: %v %+v", err, tk)
	}
	return tk, res
}

func TestBackupVerifyRestoreRoundTrip(t *testing.T) {
	dir := demoData(t)
	r := mustRun(t, dir, "backup", "atelier", "--comment", "before upgrade")
	if !strings.Contains(r.stdout, "backup atelier_") || !strings.Contains(r.stdout, "full") {
		t.Errorf("backup says %q", r.stdout)
	}
	list := decodeJSON[[]jobs.Listed](t, mustRun(t, dir, "backups", "atelier", "--json"))
	if len(list) != 1 || list[0].Type != "full" || list[0].Status != "ok" || list[0].Storage != "server" ||
		list[0].Spec.Comment != "before upgrade" || len(list[0].Volumes) != 1 || list[0].Size == 0 {
		t.Fatalf("backups --json = %+v", list)
	}
	name := list[0].Name
	if r := mustRun(t, dir, "verify", "atelier", name); !strings.Contains(r.stdout, "is sound") {
		t.Errorf("verify says %q", r.stdout)
	}
	out := t.TempDir()
	r = mustRun(t, dir, "restore", "atelier", name, "--to", out+"/")
	if !strings.Contains(r.stdout, "restored "+name+" into "+out) {
		t.Errorf("restore says %q", r.stdout)
	}
	st, _ := store.Open(dir, store.Options{})
	subs, _ := st.Subscriptions("atelier")
	if len(subs) != 2 {
		t.Fatalf("atelier has %d subscriptions", len(subs))
	}
	for _, s := range subs {
		sameTree(t, s.Root, filepath.Join(out, "files", s.Domain))
	}
	// Part of a webspace, by path (a leading or trailing slash is the same path).
	part := t.TempDir()
	mustRun(t, dir, "restore", "atelier", name, "--subscription", subs[0].Domain, "--path", "/httpdocs/", "--to", part)
	sameTree(t, filepath.Join(subs[0].Root, "httpdocs"), filepath.Join(part, "files", subs[0].Domain, "httpdocs"))
	if _, err := os.Stat(filepath.Join(part, "files", subs[1].Domain)); err == nil {
		t.Errorf("--subscription %s also restored %s", subs[0].Domain, subs[1].Domain)
	}
}

// sameTree compares two trees: type, permissions, size, content, mtime and link targets.
func sameTree(t *testing.T, want, got string) {
	t.Helper()
	a, b := treeOf(t, want), treeOf(t, got)
	if len(a) < 3 {
		t.Fatalf("%s holds almost nothing: %v", want, a)
	}
	for p, w := range a {
		if g, ok := b[p]; !ok {
			t.Errorf("%s: missing from the restored tree", p)
		} else if g != w {
			t.Errorf("%s: restored as %s, want %s", p, g, w)
		}
	}
	for p := range b {
		if _, ok := a[p]; !ok {
			t.Errorf("%s: restored but not in the original", p)
		}
	}
}

func treeOf(t *testing.T, root string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		fi, err := os.Lstat(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		desc := fmt.Sprintf("%v", fi.Mode())
		switch {
		case fi.Mode().IsRegular():
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			desc += fmt.Sprintf(" %d %x %d", fi.Size(), sha256.Sum256(data), fi.ModTime().UnixNano())
		case fi.Mode()&fs.ModeSymlink != 0:
			target, _ := os.Readlink(p)
			desc += " -> " + target
		case rel != ".":
			desc += fmt.Sprintf(" %d", fi.ModTime().UnixNano())
		}
		out[rel] = desc
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestIncrementalFollowsFull(t *testing.T) {
	dir := demoData(t)
	_, full := backupTask(t, dir, "acme", "--incremental")
	st, _ := store.Open(dir, store.Options{})
	sub, _ := st.Subscription("acme.example")
	if err := os.WriteFile(filepath.Join(sub.Root, "httpdocs", "new.html"), []byte("<p>new</p>"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, incr := backupTask(t, dir, "acme", "--incremental", "--exclude-logs")
	list := decodeJSON[[]jobs.Listed](t, mustRun(t, dir, "backups", "acme", "--json"))
	if len(list) != 2 || list[1].Name != full.Entry.Name || list[1].Type != "full" ||
		list[0].Name != incr.Entry.Name || list[0].Type != "incremental" || list[0].Parent != full.Entry.Name {
		t.Fatalf("backups, newest first: %+v", list)
	}
	if incr.Entry.Files >= full.Entry.Files {
		t.Errorf("the incremental stored %d files, the full %d", incr.Entry.Files, full.Entry.Files)
	}
	mustRun(t, dir, "verify", "acme", incr.Entry.Name)
	table := mustRun(t, dir, "backups", "acme").stdout
	if !strings.Contains(table, "incremental") || !strings.Contains(table, full.Entry.Name) {
		t.Errorf("backups table:\n%s", table)
	}
	// The full backup lost: the incremental's chain is broken and says what is missing.
	os.Remove(filepath.Join(dir, jobs.StorageDir, "acme", full.Entry.Name+".manifest.json"))
	table = mustRun(t, dir, "backups", "acme").stdout
	if !strings.Contains(table, "broken (missing "+full.Entry.Name+")") {
		t.Errorf("backups table of a broken chain:\n%s", table)
	}
	r := run(t, dir, "", "restore", "acme", incr.Entry.Name, "--to", t.TempDir())
	if r.code != 1 || !strings.Contains(r.stderr, full.Entry.Name) {
		t.Errorf("restore of a broken chain: exit %d: %s", r.code, r.stderr)
	}
}

func TestEngineCommandsRefuse(t *testing.T) {
	dir := demoData(t)
	name := "acme_2026-01-01T000000Z_full"
	st, _ := store.Open(dir, store.Options{})
	bistro, _ := st.Subscription("bistro-du-port.example")
	tests := []struct {
		name string
		args []string
		code int
		says string
	}{
		{"unknown client", []string{"backup", "nobody"}, 1, `no client "nobody"`},
		{"bad pattern", []string{"backup", "acme", "--exclude", "../x"}, 2, `pattern "../x": ".." is not allowed`},
		{"tab in pattern", []string{"backup", "acme", "--exclude", `a\tb`}, 2, `escape sequence \t is not allowed`},
		{"exclusions without files", []string{"backup", "acme", "--no-files", "--exclude-logs"}, 2, "exclusions need user files"},
		{"nothing to back up", []string{"backup", "acme", "--no-mail", "--no-files"}, 2, "--config-only: choose mail"},
		{"header injection", []string{"backup", "acme", "--notify", "a@b.c\r\nBcc: x@y.z"}, 2, "notify: not a mail address"},
		{"account of a websites-only client", []string{"backup", "bistro"}, 1, "refused by the client's rights: scope"},
		{"FTP without settings", []string{"backup", "acme", "--storage", "ftp"}, 1, "the personal FTP storage is not set up"},
		{"another client's subscription", []string{"backup", "acme", "--subscription", "bistro-du-port.example"}, 2, "--subscription: \"bistro-du-port.example\" is not a subscription of this client"},
		{"wrong argument count", []string{"backup"}, 2, "usage: coffre backup"},
		{"verify missing backup", []string{"verify", "acme", name}, 1, "`coffre backups acme` lists them"},
		{"verify bad name", []string{"verify", "acme", "../x"}, 2, "not a backup name"},
		{"restore missing backup", []string{"restore", "acme", name, "--to", t.TempDir()}, 1, "`coffre backups acme` lists them"},
		{"restore into another client's webspace", []string{"restore", "acme", name, "--to", filepath.Join(bistro.Root, "x")}, 1, "another client's"},
		{"restore into the data directory", []string{"restore", "acme", name, "--to", filepath.Join(dir, "storage")}, 1, "data directory"},
		{"restore path with ..", []string{"restore", "acme", name, "--path", "a/../../b"}, 2, "--path: \"a/../../b\""},
		{"backups of nobody", []string{"backups", "nobody"}, 1, `no client "nobody"`},
	}
	for _, tt := range tests {
		r := run(t, dir, "", tt.args...)
		if r.code != tt.code || !strings.Contains(r.stderr, tt.says) {
			t.Errorf("%s: exit %d, want %d saying %q\nstdout: %s\nstderr: %s", tt.name, r.code, tt.code, tt.says, r.stdout, r.stderr)
		}
	}
	if r := mustRun(t, dir, "backups", "acme", "--json"); strings.TrimSpace(r.stdout) != "[]" {
		t.Errorf("after refusals, backups = %s", r.stdout)
	}
	if r := mustRun(t, dir, "backup", "bistro", "--websites-only"); !strings.Contains(r.stdout, "backup bistro_") {
		t.Errorf("websites-only backup of bistro: %s", r.stdout)
	}
}

// A failed verification prints each problem and its JSON report.
func TestVerifyNamesTheCorruptVolume(t *testing.T) {
	dir := demoData(t)
	_, res := backupTask(t, dir, "acme", "--no-mail")
	vol := filepath.Join(dir, jobs.StorageDir, "acme", res.Entry.Volumes[0].Name)
	data, err := os.ReadFile(vol)
	if err != nil {
		t.Fatal(err)
	}
	data[len(data)/2] ^= 1
	os.WriteFile(vol, data, 0o600)
	r := run(t, dir, "", "verify", "acme", res.Entry.Name)
	if r.code != 1 || !strings.Contains(r.stderr, "problem: "+res.Entry.Volumes[0].Name) {
		t.Errorf("verify of a flipped byte: exit %d\n%s", r.code, r.stderr)
	}
	r = run(t, dir, "", "verify", "acme", res.Entry.Name, "--json")
	tk := decodeJSON[tasks.Task](t, r)
	var rep verify.Report
	json.Unmarshal(tk.Result, &rep)
	if r.code != 1 || tk.Status != tasks.Failed || len(rep.Problems) == 0 {
		t.Errorf("verify --json: exit %d, task %s, report %+v", r.code, tk.Status, rep)
	}
}

func TestTasksListsTheCLIsTasks(t *testing.T) {
	dir := demoData(t)
	tk, res := backupTask(t, dir, "acme")
	if r := run(t, dir, "", "verify", "acme", "acme_2026-01-01T000000Z_full"); r.code != 1 {
		t.Errorf("verify of a missing backup: exit %d", r.code)
	}
	vol := filepath.Join(dir, jobs.StorageDir, "acme", res.Entry.Volumes[0].Name)
	os.WriteFile(vol, []byte("not a volume"), 0o600)
	run(t, dir, "", "verify", "acme", res.Entry.Name)
	list := decodeJSON[[]tasks.Task](t, mustRun(t, dir, "tasks", "--client", "acme", "--json"))
	if len(list) != 2 || list[1].ID != tk.ID || list[1].Kind != tasks.KindBackup || list[1].Status != tasks.Done ||
		list[0].Kind != tasks.KindVerify || list[0].Status != tasks.Failed {
		t.Fatalf("tasks --json = %+v", list)
	}
	if r := mustRun(t, dir, "tasks"); !strings.Contains(r.stdout, "backup") || !strings.Contains(r.stdout, "failed") {
		t.Errorf("tasks table:\n%s", r.stdout)
	}
	if r := mustRun(t, dir, "tasks", "--client", "bistro", "--json"); strings.TrimSpace(r.stdout) != "[]" {
		t.Errorf("bistro's tasks = %s", r.stdout)
	}
}

func TestBackupInterruptedLeavesNothing(t *testing.T) {
	dir := demoData(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	jobsOptions.OpenStorage = func(login, _ string) (storage.Storage, error) {
		st, err := storage.NewLocal(filepath.Join(dir, jobs.StorageDir, login))
		return &cancelOnPut{Storage: st, cancel: cancel}, err
	}
	defer func() { jobsOptions.OpenStorage = nil }()
	r := runCtx(t, ctx, dir, "backup", "acme")
	if r.code != 1 || !strings.Contains(r.stderr, "cancelled: no backup was kept") {
		t.Fatalf("backup cancelled at its first write: exit %d\n%s", r.code, r.stderr)
	}
	jobsOptions.OpenStorage = nil
	if r := mustRun(t, dir, "backups", "acme", "--json"); strings.TrimSpace(r.stdout) != "[]" {
		t.Errorf("backups after a cancelled one: %s", r.stdout)
	}
	if left := filesIn(t, filepath.Join(dir, jobs.StorageDir, "acme")); len(left) > 0 {
		t.Errorf("left in the storage: %v", left)
	}
	list := decodeJSON[[]tasks.Task](t, mustRun(t, dir, "tasks", "--json"))
	if len(list) != 1 || list[0].Status != tasks.Cancelled {
		t.Errorf("tasks: %+v", list)
	}
}

// cancelOnPut is a storage that presses Ctrl-C when the backup starts storing.
type cancelOnPut struct {
	storage.Storage
	cancel func()
}

func (c *cancelOnPut) Put(ctx context.Context, name string, r io.Reader) (int64, error) {
	c.cancel()
	return c.Storage.Put(ctx, name, r)
}

func filesIn(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

func TestRestoreInPlace(t *testing.T) {
	dir := demoData(t)
	_, res := backupTask(t, dir, "acme", "--no-mail")
	st, _ := store.Open(dir, store.Options{})
	sub, _ := st.Subscription("acme.example")
	before := treeOf(t, sub.Root)
	docs := filepath.Join(sub.Root, "httpdocs")
	if err := os.WriteFile(filepath.Join(docs, "index.html"), []byte("defaced"), 0o644); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(docs, "backdoor.php"), []byte("<?php system($_GET['c']);"), 0o644)
	os.RemoveAll(filepath.Join(docs, "app"))
	refused := run(t, dir, "", "restore", "acme", res.Entry.Name)
	if refused.code == 0 || !strings.Contains(refused.stderr, "products") || !strings.Contains(refused.stderr, "--overwrite") {
		t.Errorf("restore over the demo's database without --overwrite: %d %q", refused.code, refused.stderr)
	}
	r := mustRun(t, dir, "restore", "acme", res.Entry.Name, "--overwrite")
	if !strings.Contains(r.stdout, "in place") || !strings.Contains(r.stdout, "1 removed") || !strings.Contains(r.stdout, "database products restored") {
		t.Errorf("restore says %q", r.stdout)
	}
	after := treeOf(t, sub.Root)
	for p, want := range before {
		if after[p] != want {
			t.Errorf("%s: %s after the restore, want %s", p, after[p], want)
		}
	}
	if _, ok := after["httpdocs/backdoor.php"]; ok || len(after) != len(before) {
		t.Errorf("the restore kept what the backup did not have: %d paths, want %d", len(after), len(before))
	}
}

// A backup made by the CLI while the server runs is a task the panel sees.
func TestCLIBackupShowsInTheServer(t *testing.T) {
	dir := demoData(t)
	url, pw := startServe(t, dir)
	tk, _ := backupTask(t, dir, "bistro", "--websites-only")
	jar, _ := cookiejar.New(nil)
	client := &http.Client{Jar: jar}
	res, err := client.Post(url+"api/login", "application/json", strings.NewReader(`{"login":"admin","password":"`+pw+`"}`))
	if err != nil || res.StatusCode != 200 {
		t.Fatalf("login: %v %v", res, err)
	}
	change, _ := http.NewRequest("PUT", url+"api/me/password", strings.NewReader(`{"current":"`+pw+`","password":"my-own-password"}`))
	change.Header.Set("Content-Type", "application/json") // the one-time password must change first
	if res, err = client.Do(change); err != nil || res.StatusCode != 200 {
		t.Fatalf("change the one-time password: %v %v", res, err)
	}
	res, err = client.Get(url + "api/tasks/" + tk.ID)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var seen tasks.Task
	if err := json.NewDecoder(res.Body).Decode(&seen); err != nil || seen.Status != tasks.Done || seen.Client != "bistro" {
		t.Errorf("the server sees the CLI's task as %+v (%v)", seen, err)
	}
	res, err = client.Get(url + "api/clients")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	if !strings.Contains(string(body), `"lastBackup"`) {
		t.Errorf("the Clients list has no last backup: %s", body)
	}
}
