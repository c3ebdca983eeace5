package cli

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"coffre/server/store"
)

// The CLI previews a restore, restores with a safety backup and names it, then undoes the
// restore with --undo: the webspace is as it was before.
func TestRestorePreviewSafetyUndo(t *testing.T) {
	dir := demoData(t)
	st, _ := store.Open(dir, store.Options{})
	subs, _ := st.Subscriptions("atelier")
	root := subs[0].Root
	index := filepath.Join(root, "httpdocs", "page.txt")
	write(t, index, "as backed up")
	name := strings.Fields(strings.SplitN(mustRun(t, dir, "backup", "atelier").stdout, "backup ", 2)[1])[0]
	write(t, index, "edited after the backup")
	write(t, filepath.Join(root, "httpdocs", "added.txt"), "new")
	pv := mustRun(t, dir, "restore", "atelier", name, "--subscription", subs[0].Domain, "--preview").stdout
	if !strings.Contains(pv, "replace 1,") || !strings.Contains(pv, "remove 1\n") || !strings.Contains(pv, "added.txt") {
		t.Errorf("preview says %q", pv)
	}
	snap := treeOf(t, root)
	out := mustRun(t, dir, "restore", "atelier", name, "--subscription", subs[0].Domain).stdout
	m := regexp.MustCompile(`safety backup (\S+):`).FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("restore says %q", out)
	}
	if data, _ := os.ReadFile(index); string(data) != "as backed up" {
		t.Fatal("index.html not restored")
	}
	mustRun(t, dir, "restore", "atelier", m[1], "--subscription", subs[0].Domain, "--undo")
	after := treeOf(t, root)
	for p, w := range snap {
		if after[p] != w {
			t.Errorf("after the undo, %s is %s, want %s", p, after[p], w)
		}
	}
	if len(after) != len(snap) {
		t.Errorf("after the undo, %d paths, want %d", len(after), len(snap))
	}
}

func write(t *testing.T, p, body string) {
	t.Helper()
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
}
