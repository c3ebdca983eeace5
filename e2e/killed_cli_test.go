package e2e

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// cliTask is a task as `coffre tasks --json` lists it.
type cliTask struct {
	ID      string   `json:"id"`
	Kind    string   `json:"kind"`
	Status  string   `json:"status"`
	Error   string   `json:"error"`
	Targets []string `json:"targets"`
}

// cliTasks lists the tasks with `coffre tasks --json`: a command of a host driven by cron alone.
func cliTasks(t *testing.T, data string) []cliTask {
	t.Helper()
	var list []cliTask
	if err := json.Unmarshal([]byte(coffreCLI(t, data, "", "tasks", "--json")), &list); err != nil {
		t.Fatal(err)
	}
	return list
}

// startCLI starts a Coffre command that the test will kill.
func startCLI(t *testing.T, data string, args ...string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(binary, append(args, "--data", data)...)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	return cmd
}

// until polls cond every millisecond for at most 30 s.
func until(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for end := time.Now().Add(30 * time.Second); time.Now().Before(end); time.Sleep(time.Millisecond) {
		if cond() {
			return
		}
	}
	t.Fatalf("gave up waiting for %s", what)
}

// newCLIClient makes the data directory with client acme and its webspace holding n files of
// size random bytes.
func newCLIClient(t *testing.T, n, size int) (data, root string) {
	t.Helper()
	if _, err := os.Stat(binary); err != nil {
		t.Fatalf("%s is missing: run make build first", binary)
	}
	data = filepath.Join(t.TempDir(), "data")
	root = filepath.Join(t.TempDir(), "acme.example")
	writeIncompressible(t, filepath.Join(root, "httpdocs", "media"), n, size)
	coffreCLI(t, data, "", "client", "add", "acme", "--name", "Acme")
	coffreCLI(t, data, "", "subscription", "add", "acme.example", "--client", "acme", "--root", root)
	return data, root
}

// A CLI backup killed (SIGKILL) once it stored a volume, with no server running: the next
// `coffre tasks` reads the task interrupted and removes the killed backup's objects.
func TestKilledCLIBackup(t *testing.T) {
	data, _ := newCLIClient(t, 24, 12<<20) // 288 MiB
	cmd := startCLI(t, data, "backup", "acme", "--split-mb", "16")
	until(t, "a stored volume", func() bool { objs, _ := objects(t, data); return len(objs) >= 1 })
	cmd.Process.Kill()
	cmd.Wait()
	list := cliTasks(t, data)
	if len(list) != 1 || list[0].Status != "interrupted" {
		t.Fatalf("after the kill, coffre tasks lists %+v; want the backup interrupted", list)
	}
	if objs, temp := objects(t, data); len(objs)+len(temp) > 0 {
		t.Errorf("the killed backup's objects are still there: %v %v", objs, temp)
	}
}

// An in-place restore killed (SIGKILL) while it writes a large file: the next `coffre tasks`
// reads the task interrupted, and no temporary file of the restore is left in the webspace
// (the file being written has no name yet, or its temporary name is removed).
func TestKilledCLIRestore(t *testing.T) {
	data, root := newCLIClient(t, 4, 64<<20) // 256 MiB
	coffreCLI(t, data, "", "backup", "acme")
	var backups []struct{ Name string }
	if err := json.Unmarshal([]byte(coffreCLI(t, data, "", "backups", "acme", "--json")), &backups); err != nil || len(backups) != 1 {
		t.Fatalf("backups: %v %+v", err, backups)
	}
	media := filepath.Join(root, "httpdocs", "media")
	cmd := startCLI(t, data, "restore", "acme", backups[0].Name)
	until(t, "a file being written by the restore", func() bool {
		return len(coffreTemps(t, media)) > 0 || len(unnamedFiles(cmd.Process.Pid, media)) > 0
	})
	writing := append(coffreTemps(t, media), unnamedFiles(cmd.Process.Pid, media)...)
	cmd.Process.Kill()
	cmd.Wait()
	t.Logf("killed while writing %v", writing)
	list := cliTasks(t, data)
	if len(list) != 2 || list[0].Kind != "restore" || list[0].Status != "interrupted" {
		t.Errorf("after the kill, coffre tasks lists %+v; want the restore interrupted", list)
	}
	if left := coffreTemps(t, root); len(left) > 0 {
		t.Errorf("temporary files of the killed restore left in the webspace: %v", left)
	}
}

// coffreTemps lists the files below dir whose names Coffre gives its temporary files.
func coffreTemps(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && strings.HasPrefix(d.Name(), ".coffre-") {
			out = append(out, p)
		}
		return nil
	})
	return out
}

// unnamedFiles lists the files that process pid has open in dir without a name (O_TMPFILE):
// /proc shows them as "dir/#inode (deleted)".
func unnamedFiles(pid int, dir string) []string {
	fds, _ := os.ReadDir(fmt.Sprintf("/proc/%d/fd", pid))
	var out []string
	for _, fd := range fds {
		p, err := os.Readlink(fmt.Sprintf("/proc/%d/fd/%s", pid, fd.Name()))
		if err == nil && strings.HasPrefix(p, dir+"/#") && strings.HasSuffix(p, " (deleted)") {
			out = append(out, p)
		}
	}
	return out
}
