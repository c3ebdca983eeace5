package app

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
)

// The WebAssembly build carries only the panel and the wasm-safe engine packages: no store, no
// FTP, no mail, no processes, no server (arrows point one way: main -> server -> engine, app -> engine/spec and engine/pattern).
func TestWasmImportsNoServerCode(t *testing.T) {
	cmd := exec.Command(goCommand(), "list", "-deps", ".")
	cmd.Dir = ".." // the module root: package main, as make builds app.wasm
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("go list -deps: %v\n%s", err, out)
	}
	deps := strings.Fields(string(out))
	if !slices.Contains(deps, "coffre/app") || !slices.Contains(deps, "github.com/maxence-charriere/go-app/v9/pkg/app") {
		t.Fatalf("the wasm build does not import the panel; deps:\n%s", out)
	}
	forbidden := []string{"go.etcd.io/bbolt", "github.com/jlaffaye/ftp", "github.com/wneessen/go-mail", "os/exec", "coffre/server"}
	for _, d := range deps {
		for _, f := range forbidden {
			if d == f || strings.HasPrefix(d, f+"/") {
				t.Errorf("the wasm build imports %s", d)
			}
		}
	}
}

// The panel talks to the API through the browser's fetch, not net/http (go-app imports net/http
// for its server side; the panel adds no HTTP client of its own).
func TestPanelUsesFetch(t *testing.T) {
	cmd := exec.Command(goCommand(), "list", "-f", "{{join .Imports \"\\n\"}}", ".")
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	if imports := strings.Fields(string(out)); slices.Contains(imports, "net/http") || !slices.Contains(imports, "syscall/js") {
		t.Errorf("coffre/app in wasm imports %q: want syscall/js and no net/http", imports)
	}
}

// goCommand is the go command of the toolchain running the tests.
func goCommand() string {
	goBin := filepath.Join(runtime.GOROOT(), "bin", "go")
	if _, err := os.Stat(goBin); err != nil {
		return "go"
	}
	return goBin
}
