package dump

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// maxMessage bounds the tool's error output kept for a message.
const maxMessage = 2000

// session is a private directory (mode 0700) for one tool run: it holds the password file and
// serves as HOME, so that no ~/.pgpass or ~/.my.cnf of Coffre's own user is read.
type session struct {
	dir string
}

func newSession() (*session, error) {
	dir, err := os.MkdirTemp("", "coffre-dump-")
	if err != nil {
		return nil, fmt.Errorf("dump: private directory: %w", err)
	}
	return &session{dir: dir}, nil
}

func (s *session) close() { os.RemoveAll(s.dir) }

// secret writes a file of mode 0600 in the session's directory and returns its path.
func (s *session) secret(name, content string) (string, error) {
	p := filepath.Join(s.dir, name)
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return "", fmt.Errorf("dump: password file: %w", err)
	}
	_, err = f.WriteString(content)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return "", fmt.Errorf("dump: password file: %w", err)
	}
	return p, nil
}

// env is the whole environment a tool gets: nothing of Coffre's own (no PGPASSWORD, no
// MYSQL_PWD that the caller might carry) but PATH, a C locale and the session's HOME.
func (s *session) env(extra ...string) []string {
	path := os.Getenv("PATH")
	if path == "" {
		path = "/usr/local/bin:/usr/bin:/bin"
	}
	return append([]string{"PATH=" + path, "HOME=" + s.dir, "LC_ALL=C.UTF-8", "TMPDIR=" + s.dir}, extra...)
}

// look finds the first of the programs that is installed.
func look(names ...string) (string, error) {
	for _, n := range names {
		if p, err := exec.LookPath(n); err == nil {
			return p, nil
		}
	}
	return "", fmt.Errorf("%s: %w on this host", strings.Join(names, " or "), ErrNoTool)
}

// run runs prog with args and env, stdin from in (nil for none) and stdout to out (nil to
// discard). Its error carries the tool's own message (the end of its error output).
func run(ctx context.Context, env []string, in io.Reader, out io.Writer, prog string, args ...string) error {
	cmd := exec.CommandContext(ctx, prog, args...)
	cmd.Env, cmd.Stdin, cmd.Stdout = env, in, out
	var stderr tail
	cmd.Stderr = &stderr
	cmd.WaitDelay = 10 * time.Second
	err := cmd.Run()
	if err == nil {
		return nil
	}
	if ctx.Err() != nil {
		return ctx.Err()
	}
	var exit *exec.ExitError
	msg := strings.TrimSpace(stderr.String())
	if errors.As(err, &exit) && msg != "" {
		return fmt.Errorf("%s: %s", filepath.Base(prog), msg)
	}
	return fmt.Errorf("%s: %w", filepath.Base(prog), err)
}

// tail keeps the last maxMessage bytes written to it.
type tail struct{ b []byte }

func (t *tail) Write(p []byte) (int, error) {
	t.b = append(t.b, p...)
	if len(t.b) > 2*maxMessage {
		t.b = append(t.b[:0], t.b[len(t.b)-maxMessage:]...)
	}
	return len(p), nil
}

func (t *tail) String() string {
	b := t.b
	if len(b) > maxMessage {
		b = b[len(b)-maxMessage:]
	}
	return string(bytes.ToValidUTF8(b, []byte("?")))
}
