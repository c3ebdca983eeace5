package e2e

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// binary is the built server, relative to this package's folder.
const binary = "../bin/coffre"

// coffre is one running `coffre serve --demo`, shared by the tests of the package.
type coffre struct {
	url      string // http://127.0.0.1:PORT
	password string // the administrator's password (the one-time one changed by launchFirst)
	oneTime  string // the one-time password printed at first start
	dir      string // the data directory's parent, removed on stop
	cmd      *exec.Cmd
	output   *strings.Builder
}

// log is what the server printed so far.
func (c *coffre) log() string {
	if c == nil {
		return ""
	}
	outputMu.Lock()
	defer outputMu.Unlock()
	return c.output.String()
}

var (
	server     *coffre
	serverErr  error
	serverOnce sync.Once
)

// startServer starts the binary once for the package; stopServer (from TestMain) ends it.
func startServer(t *testing.T) *coffre {
	t.Helper()
	if _, err := os.Stat(binary); err != nil {
		t.Fatalf("%s is missing: run make build first", binary)
	}
	serverOnce.Do(func() { server, serverErr = launch() })
	if serverErr != nil {
		t.Fatal(serverErr)
	}
	return server
}

// startOwnServer starts a server of the test's own, on fresh demo data, stopped with the test:
// for a test that changes what other tests look at (backups, mail settings).
func startOwnServer(t *testing.T) *coffre {
	t.Helper()
	if _, err := os.Stat(binary); err != nil {
		t.Fatalf("%s is missing: run make build first", binary)
	}
	c, err := launch()
	if err != nil {
		t.Fatal(err)
	}
	own = c
	t.Cleanup(func() { own = nil; c.stop() })
	return c
}

// own is the running server of the current test, if it has one (tests do not run in parallel).
var own *coffre

// activeLog is what the server the current test talks to printed.
func activeLog() string {
	if own != nil {
		return own.log()
	}
	return server.log()
}

// dataDir is the server's data directory (--data).
func (c *coffre) dataDir() string { return filepath.Join(c.dir, "data") }

var passwordLine = regexp.MustCompile(`one-time password[^:]*:\s*(\S+)`)

// launch starts `coffre serve --demo` on a free loopback port with fresh data and waits until it
// says where to go and the administrator's password.
func launch() (*coffre, error) {
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	data, err := os.MkdirTemp("", "coffre-e2e-")
	if err != nil {
		return nil, err
	}
	addr := fmt.Sprintf("127.0.0.1:%d", port)
	cmd := exec.Command(binary, "serve", "--demo", "--data", filepath.Join(data, "data"), "--listen", addr)
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	c := &coffre{url: "http://" + addr, dir: data, cmd: cmd, output: &strings.Builder{}}
	cmd.Stderr = &lockedWriter{w: c.output}
	if err := cmd.Start(); err != nil {
		os.RemoveAll(data)
		return nil, fmt.Errorf("start %s: %w", binary, err)
	}
	found := make(chan string, 1)
	go c.read(out, found)
	select {
	case c.oneTime = <-found:
		c.password = c.oneTime
	case <-time.After(30 * time.Second):
		c.stop()
		return nil, fmt.Errorf("coffre serve printed no one-time password within 30 s; output:\n%s", c.log())
	}
	if err := waitListening(addr); err != nil {
		return c, err
	}
	return c, c.changeOneTimePassword()
}

// read copies the server's output and hands over the password when it is printed.
func (c *coffre) read(r io.Reader, found chan<- string) {
	s := bufio.NewScanner(r)
	for s.Scan() {
		line := s.Text()
		lw := lockedWriter{w: c.output}
		lw.Write([]byte(line + "\n"))
		if m := passwordLine.FindStringSubmatch(line); m != nil {
			found <- m[1]
		}
	}
}

// stop interrupts the server (it has 5 s to stop) and removes its data.
func (c *coffre) stop() {
	if c == nil || c.cmd.Process == nil {
		return
	}
	defer os.RemoveAll(c.dir)
	c.cmd.Process.Signal(os.Interrupt)
	done := make(chan struct{})
	go func() { c.cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		c.cmd.Process.Kill()
		<-done
	}
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

func waitListening(addr string) error {
	deadline := time.Now().Add(10 * time.Second)
	for {
		conn, err := net.DialTimeout("tcp", addr, time.Second)
		if err == nil {
			return conn.Close()
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("coffre serve does not listen on %s: %w", addr, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

var outputMu sync.Mutex

// lockedWriter serialises writes to the shared output log.
type lockedWriter struct{ w io.Writer }

func (l *lockedWriter) Write(p []byte) (int, error) {
	outputMu.Lock()
	defer outputMu.Unlock()
	return l.w.Write(p)
}
