//go:build !js

package spec

import (
	"os/exec"
	"slices"
	"strings"
	"testing"

	"coffre/engine/storage"
)

// The copy of the backup name rule agrees with engine/storage, which the wasm build cannot import.
func TestBackupNameAgreesWithStorage(t *testing.T) {
	names := []string{"", "a", "b1", "2024-05-01T10-00-00Z.full", ".x", "-x", "x-", "a/b", "a b", "a\nb",
		"é", "A_Z.0-9", strings.Repeat("a", 200), strings.Repeat("a", 201), "..", "x..y", "_x"}
	for _, name := range names {
		if got, want := validBackupName(name), storage.ValidName(name); got != want {
			t.Errorf("validBackupName(%q) = %v, storage.ValidName says %v", name, got, want)
		}
	}
}

// The panel's WebAssembly build imports spec and pattern: they must not pull in the host's
// packages (files, processes, network, the job store).
func TestWasmSafe(t *testing.T) {
	gobin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command on PATH")
	}
	cmd := exec.Command(gobin, "list", "-deps", "coffre/engine/spec", "coffre/engine/pattern")
	cmd.Env = append(cmd.Environ(), "GOOS=js", "GOARCH=wasm")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	deps := strings.Fields(string(out))
	for _, bad := range []string{"os", "os/exec", "net", "net/http", "go.etcd.io/bbolt", "fmt"} {
		if slices.Contains(deps, bad) {
			t.Errorf("the wasm build of spec or pattern depends on %s", bad)
		}
	}
}
