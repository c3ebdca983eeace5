package extract

import (
	"os"
	"path/filepath"
	"testing"
)

func TestIsTemp(t *testing.T) {
	for name, want := range map[string]bool{
		".coffre-42-1.tmp": true, ".coffre-42-18446744073709551615.tmp": true,
		".coffre-43-1.tmp": false, ".coffre-42-.tmp": false, ".coffre-42-1.tmpx": false,
		"coffre-42-1.tmp": false, ".coffre-42-x.tmp": false, ".coffre-421-1.tmp": false,
	} {
		if IsTemp(name, 42) != want {
			t.Errorf("IsTemp(%q, 42) = %v", name, !want)
		}
	}
}

// RemoveTemps removes the process's temporary files at every depth, and nothing else: not
// another process's, not a directory of that name, nothing through a symlink.
func TestRemoveTemps(t *testing.T) {
	dir, out := t.TempDir(), t.TempDir()
	files := map[string]bool{ // path -> removed
		".coffre-7-1.tmp": true, "a/b/.coffre-7-9.tmp": true, "a/keep": false,
		"a/.coffre-8-1.tmp": false, "a/.coffre-7-1.tmp.x": false,
	}
	for p := range files {
		must(t, os.MkdirAll(filepath.Dir(filepath.Join(dir, p)), 0o755))
		must(t, os.WriteFile(filepath.Join(dir, p), nil, 0o600))
	}
	must(t, os.Mkdir(filepath.Join(dir, ".coffre-7-2.tmp"), 0o755))
	must(t, os.WriteFile(filepath.Join(out, ".coffre-7-3.tmp"), nil, 0o600))
	must(t, os.Symlink(out, filepath.Join(dir, "a", "link")))
	root, err := os.OpenRoot(dir)
	must(t, err)
	defer root.Close()
	n, err := RemoveTemps(t.Context(), root, 7)
	if err != nil || n != 2 {
		t.Fatalf("RemoveTemps = %d, %v; want 2", n, err)
	}
	for p, removed := range files {
		if _, err := os.Lstat(filepath.Join(dir, p)); (err != nil) != removed {
			t.Errorf("%s: removed %v, want %v", p, err != nil, removed)
		}
	}
	for _, p := range []string{filepath.Join(dir, ".coffre-7-2.tmp"), filepath.Join(out, ".coffre-7-3.tmp")} {
		if _, err := os.Lstat(p); err != nil {
			t.Errorf("%s removed", p)
		}
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
