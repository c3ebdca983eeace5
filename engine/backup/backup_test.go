package backup

import (
	"coffre/internal/testtree"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

func TestFullBackupKeepsEveryAwkwardCase(t *testing.T) {
	e := newEnv(t)
	testtree.Awkward(t, e.root("a.example"), e.root("b.example"), 16<<20)
	testtree.Build(t, e.root("b.example"), []testtree.Item{{Path: "httpdocs/index.html", Data: "b"}})
	owned := os.Geteuid() == 0
	if owned {
		must(t, os.Lchown(filepath.Join(e.root("a.example"), "httpdocs/index.php"), 1234, 5678))
	}
	res := e.run(e.spec(false))
	if res.Entry.Type != "full" || res.Entry.Status != StatusOK || res.Warnings != 0 {
		t.Fatalf("result %+v, warnings %v", res, e.warns)
	}
	_, entries := e.readBack(res.Entry.Name)
	for _, d := range []string{"a.example", "b.example"} {
		testtree.Equal(t, testtree.Snapshot(t, e.root(d)), archiveSnapshot(entries, d))
	}
	if h := entries["files/a.example/httpdocs/index.php"].h; owned && (h.Uid != 1234 || h.Gid != 5678) {
		t.Errorf("owner stored as %d:%d, want 1234:5678", h.Uid, h.Gid)
	}
	for _, ie := range e.index(res.Entry.Name) {
		if ie.Path == "files/a.example/httpdocs/index.php" && owned && (ie.UID != 1234 || ie.GID != 5678) {
			t.Errorf("index owner %d:%d", ie.UID, ie.GID)
		}
	}
	for _, c := range []string{"coffre/manifest.json", "config/account.json", "config/subscriptions.json",
		"config/domains.json"} {
		if _, ok := entries[c]; !ok {
			t.Errorf("archive lacks %s", c)
		}
	}
}

func TestSystemTarExtractsTheBackup(t *testing.T) {
	for _, tool := range []string{"zstd", "tar", "sh"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skip(tool + " not installed")
		}
	}
	e := newEnv(t)
	testtree.Awkward(t, e.root("a.example"), e.root("b.example"), 16<<20)
	sp := e.spec(false)
	sp.SplitMB = 1
	res := e.run(sp)
	out := filepath.Join(e.dir, "extracted")
	must(t, os.Mkdir(out, 0o755))
	cmd := exec.Command("sh", "-c", "cat "+res.Entry.Name+".tar.zst.* | zstd -q -d | tar -xp -C "+out)
	cmd.Dir = e.export(res.Entry.Name)
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%v: %s", err, msg)
	}
	testtree.Equal(t, testtree.Snapshot(t, e.root("a.example")), testtree.Snapshot(t, filepath.Join(out, "files", "a.example")))
}
