package e2e

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/cookiejar"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// The server killed (SIGKILL) while a backup runs: after a restart the task reads interrupted,
// nothing half-written is listed or left in the storage, and the next backup succeeds and
// verifies.
func TestKilledDuringABackup(t *testing.T) {
	if _, err := os.Stat(binary); err != nil {
		t.Fatalf("%s is missing: run make build first", binary)
	}
	data := filepath.Join(t.TempDir(), "data")
	root := filepath.Join(t.TempDir(), "acme.example")
	writeIncompressible(t, filepath.Join(root, "httpdocs", "media"), 24, 12<<20) // 288 MiB
	coffreCLI(t, data, "", "client", "add", "acme", "--name", "Acme")
	coffreCLI(t, data, "", "subscription", "add", "acme.example", "--client", "acme", "--root", root)
	coffreCLI(t, data, "admin-password-1\n", "admin", "password")

	srv := serveData(t, data)
	api := srv.logIn(t)
	start := time.Now()
	id := api.startBackup(t, 16)
	first := api.waitFor(t, id, func(tk task) bool { return tk.Progress.Phase != "" })
	t.Logf("Back Up to first progress: %v (phase %s)", time.Since(start).Round(time.Millisecond), first.Progress.Phase)
	api.waitFor(t, id, func(tk task) bool { return tk.Progress.Bytes > 0 })
	t.Logf("Back Up to first bytes stored: %v", time.Since(start).Round(time.Millisecond))
	// Kill it once volumes are stored: objects without a manifest that the restart must remove.
	api.waitFor(t, id, func(tk task) bool {
		objs, _ := objects(t, data)
		return tk.Status == "running" && len(objs) >= 2
	})
	srv.kill(t)
	before, _ := objects(t, data)
	t.Logf("killed with %d volumes stored", len(before))

	srv = serveData(t, data)
	defer srv.stop(t)
	api = srv.logIn(t)
	got := api.task(t, id)
	if got.Status != "interrupted" || !logHas(got, "Leftovers removed") {
		t.Fatalf("after the restart the task is %s, log %v", got.Status, got.Log)
	}
	if list := coffreCLI(t, data, "", "backups", "acme", "--json"); strings.TrimSpace(list) != "[]" {
		t.Errorf("backups after the kill: %s", list)
	}
	left, temp := objects(t, data)
	if len(left) > 0 {
		t.Errorf("objects left in the storage after the restart: %v", left)
	}
	if len(temp) > 0 {
		t.Errorf("temporary files of the killed upload left after the restart: %v", temp)
	}

	id = api.startBackup(t, 0)
	done := api.waitFor(t, id, func(tk task) bool { return tk.Status != "queued" && tk.Status != "running" })
	if done.Status != "done" {
		t.Fatalf("the next backup: %s %s", done.Status, done.Error)
	}
	var res struct {
		Entry struct{ Name string } `json:"entry"`
	}
	json.Unmarshal(done.Result, &res)
	if out := coffreCLI(t, data, "", "verify", "acme", res.Entry.Name); !strings.Contains(out, "is sound") {
		t.Errorf("verify: %s", out)
	}
}

// writeIncompressible writes n files of size random bytes into dir.
func writeIncompressible(t *testing.T, dir string, n, size int) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	rng := rand.NewChaCha8([32]byte{1})
	buf := make([]byte, size)
	for i := range n {
		rng.Read(buf)
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("video-%02d.bin", i)), buf, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// coffreCLI runs the binary with --data and returns its stdout; it must succeed.
func coffreCLI(t *testing.T, data, stdin string, args ...string) string {
	t.Helper()
	cmd := exec.Command(binary, append(args, "--data", data)...)
	cmd.Stdin = strings.NewReader(stdin)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Run(); err != nil {
		t.Fatalf("coffre %v: %v\n%s%s", args, err, out.String(), errOut.String())
	}
	return out.String()
}

// objects lists what the client's server storage folder holds: objects, and the temporary
// files of uploads (dot names, which no object can have).
func objects(t *testing.T, data string) (objs, temp []string) {
	t.Helper()
	entries, err := os.ReadDir(filepath.Join(data, "storage", "acme"))
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") {
			temp = append(temp, e.Name())
		} else {
			objs = append(objs, e.Name())
		}
	}
	return objs, temp
}

// served is one `coffre serve` on a data directory, started with the extra flags.
type served struct {
	url string
	cmd *exec.Cmd
	out *bytes.Buffer
}

func serveData(t *testing.T, data string, flags ...string) *served {
	t.Helper()
	port, err := freePort()
	if err != nil {
		t.Fatal(err)
	}
	addr := fmt.Sprintf("127.0.0.1:%d", port)
	cmd := exec.Command(binary, append([]string{"serve", "--data", data, "--listen", addr}, flags...)...)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	s := &served{url: "http://" + addr, cmd: cmd, out: &bytes.Buffer{}}
	cmd.Stderr = &lockedWriter{w: s.out}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	running := make(chan bool, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			if strings.Contains(sc.Text(), "Coffre is running") {
				running <- true
			}
		}
		close(running)
	}()
	if !<-running {
		cmd.Wait()
		t.Fatalf("coffre serve stopped: %s", s.out)
	}
	if err := waitListening(addr); err != nil {
		t.Fatal(err)
	}
	return s
}

func (s *served) kill(t *testing.T) {
	t.Helper()
	s.cmd.Process.Kill() // SIGKILL: no shutdown, no cleanup
	s.cmd.Wait()
}

func (s *served) stop(t *testing.T) {
	t.Helper()
	s.cmd.Process.Signal(os.Interrupt)
	done := make(chan error, 1)
	go func() { done <- s.cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("coffre serve after Ctrl-C: %v\n%s", err, s.out)
		}
	case <-time.After(10 * time.Second):
		s.cmd.Process.Kill()
		t.Errorf("coffre serve did not stop within 10 s of Ctrl-C")
	}
}

// apiClient is a logged-in administrator.
type apiClient struct {
	url string
	c   *http.Client
}

func (s *served) logIn(t *testing.T) *apiClient {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	a := &apiClient{url: s.url, c: &http.Client{Jar: jar, Timeout: 10 * time.Second}}
	if status, body := a.call(t, "POST", "/api/login", `{"login":"admin","password":"admin-password-1"}`); status != 200 {
		t.Fatalf("login: %d %s", status, body)
	}
	return a
}

func (a *apiClient) call(t *testing.T, method, path, body string) (int, []byte) {
	t.Helper()
	req, _ := http.NewRequest(method, a.url+path, strings.NewReader(body))
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	res, err := a.c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, b
}

// task is the part of a task the test reads.
type task struct {
	ID       string `json:"id"`
	Status   string `json:"status"`
	Error    string `json:"error"`
	Progress struct {
		Phase string `json:"phase"`
		Bytes int64  `json:"bytes"`
	} `json:"progress"`
	Result json.RawMessage         `json:"result"`
	Log    []struct{ Text string } `json:"log"`
}

// startBackup starts a backup of acme's websites, in volumes of splitMB MiB (0: one volume).
func (a *apiClient) startBackup(t *testing.T, splitMB int) string {
	t.Helper()
	status, body := a.call(t, "POST", "/api/clients/acme/backups",
		fmt.Sprintf(`{"scope":"websites","files":true,"storage":"server","splitMB":%d}`, splitMB))
	var tk task
	if err := json.Unmarshal(body, &tk); status != 202 || err != nil {
		t.Fatalf("start a backup: %d %s", status, body)
	}
	return tk.ID
}

func (a *apiClient) task(t *testing.T, id string) task {
	t.Helper()
	status, body := a.call(t, "GET", "/api/tasks/"+id, "")
	var tk task
	if err := json.Unmarshal(body, &tk); status != 200 || err != nil {
		t.Fatalf("task %s: %d %s", id, status, body)
	}
	return tk
}

// waitFor polls the task, as the panel does, until ok says so (at most 60 s).
func (a *apiClient) waitFor(t *testing.T, id string, ok func(task) bool) task {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for {
		tk := a.task(t, id)
		if ok(tk) {
			return tk
		}
		if tk.Status != "queued" && tk.Status != "running" || time.Now().After(deadline) {
			t.Fatalf("task %s: %s %s, progress %+v", id, tk.Status, tk.Error, tk.Progress)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func logHas(tk task, text string) bool {
	for _, l := range tk.Log {
		if strings.Contains(l.Text, text) {
			return true
		}
	}
	return false
}
