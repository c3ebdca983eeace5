package cli

import (
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// lines is a goroutine-safe writer that tells when a line matching want has been written.
type lines struct {
	mu   sync.Mutex
	buf  bytes.Buffer
	want *regexp.Regexp
	seen chan []string // receives the first match
	sent bool
}

func (l *lines) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.buf.Write(p)
	if m := l.want.FindStringSubmatch(l.buf.String()); m != nil && !l.sent {
		l.seen <- m
		l.sent = true
	}
	return len(p), nil
}

func (l *lines) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.String()
}

// startServe runs `coffre serve` on a free port until the test ends; it returns the URL and
// the one-time password once the banner is printed.
func startServe(t *testing.T, dir string) (url, password string) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	out := &lines{want: regexp.MustCompile(`open (http://\S+) in.*\n.*password \(shown only now\): (\S+)`), seen: make(chan []string, 1)}
	done := make(chan int, 1)
	go func() {
		done <- Main(ctx, Env{Args: []string{"serve", "--listen", "127.0.0.1:0", "--data", dir}, Stdout: out, Stderr: io.Discard})
	}()
	t.Cleanup(func() {
		cancel()
		if code := <-done; code != 0 {
			t.Errorf("serve exited %d after its context ended; want 0", code)
		}
	})
	select {
	case m := <-out.seen:
		return m[1], m[2]
	case code := <-done:
		done <- code
		t.Fatalf("serve exited %d: %s", code, out.String())
	}
	return "", ""
}

func TestSecondServeExitsAndTheCLIKeepsWorking(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	startServe(t, dir)
	start := time.Now()
	second := run(t, dir, "", "serve", "--listen", "127.0.0.1:0")
	if elapsed := time.Since(start); elapsed > 2*time.Second {
		t.Errorf("the second serve took %v to give up", elapsed)
	}
	if second.code != 1 || !strings.Contains(second.stderr, "already running on the data directory "+dir) {
		t.Errorf("second serve: exit %d: %s", second.code, second.stderr)
	}
	steps := [][]string{
		{"client", "add", "acme", "--name", "Acme"},
		{"client", "rights", "acme", "--restore=false"},
		{"client", "list"},
	}
	for _, args := range steps {
		if r := run(t, dir, "", args...); r.code != 0 {
			t.Errorf("%v while serving: exit %d: %s", args, r.code, r.stderr)
		}
	}
}

func TestServeAnswersAndLogsIn(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	url, pw := startServe(t, dir)
	req, _ := http.NewRequest("POST", url+"api/login", strings.NewReader(`{"login":"admin","password":"`+pw+`"}`))
	req.Header.Set("Content-Type", "application/json")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != 200 || res.Header.Get("X-Frame-Options") != "DENY" {
		t.Errorf("login with the printed password: %d, headers %v", res.StatusCode, res.Header)
	}
	req, _ = http.NewRequest("POST", url+"api/login", strings.NewReader(`{"login":"admin","password":"`+pw+`"}`))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	if res, err := http.DefaultClient.Do(req); err != nil || res.StatusCode != 403 {
		t.Fatalf("cross-site login: %v %v", res, err)
	}
	if res, err = http.Get(url + "manifest.webmanifest"); err != nil || res.StatusCode != 200 {
		t.Fatalf("manifest: %v %v", res, err)
	}
}

// A busy port must not swallow the one-time password: the administrator is made only once
// the server listens.
func TestBusyPortKeepsTheFirstPassword(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	dir := filepath.Join(t.TempDir(), "data")
	if r := run(t, dir, "", "serve", "--listen", ln.Addr().String()); r.code != 1 || !strings.Contains(r.stderr, "listen") {
		t.Fatalf("serve on a busy port: exit %d: %s", r.code, r.stderr)
	}
	if _, pw := startServe(t, dir); pw == "" {
		t.Error("the next start printed no password")
	}
}
