package extract

import (
	"os"
	"path/filepath"
	"testing"
)

// A backup from another host may hold a program owned by root with its setuid or setgid bit:
// restored so into a webspace, it would hand root to the webspace's tenant. The bit is dropped
// when the file ends up owned by root (user or group); kept for anyone else.
func TestNoSetuidRoot(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("needs root to give files an owner") // CI and the helpers run as root
	}
	s := newSandbox(t)
	_, err := s.extract(t, Options{},
		ent{name: "sh", body: "#!", mode: 0o4755},
		ent{name: "sg", body: "#!", mode: 0o2755},
		ent{name: "both", body: "#!", mode: 0o6755, uid: 1000},
		ent{name: "mine", body: "#!", mode: 0o6755, uid: 1000, gid: 1000},
	)
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]os.FileMode{"sh": 0o755, "sg": 0o755, "both": os.ModeSetuid | 0o755,
		"mine": os.ModeSetuid | os.ModeSetgid | 0o755} {
		if fi := lstat(t, filepath.Join(s.target, name)); fi.Mode() != want {
			t.Errorf("%s: %v, want %v", name, fi.Mode(), want)
		}
	}
	owner := false
	_, err = s.extract(t, Options{Owner: &owner}, ent{name: "own", body: "#!", mode: 0o6755, uid: 1000, gid: 1000})
	if fi := lstat(t, filepath.Join(s.target, "own")); err != nil || fi.Mode() != 0o755 {
		t.Errorf("owned by the restore's root: %v %v", fi.Mode(), err)
	}
}
