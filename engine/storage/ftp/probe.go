package ftp

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
)

// Step is one step of a connection test.
type Step string

// The steps of Test, in order.
const (
	StepConnect Step = "connect"
	StepTLS     Step = "tls"
	StepLogin   Step = "login"
	StepList    Step = "list"
	StepWrite   Step = "write"
	StepSize    Step = "size"
	StepRead    Step = "read"
	StepDelete  Step = "delete"
)

// StepResult is how one step went: Reply is the server's last answer (never a password), Err
// why it failed (a *ReplyError, a *CertError, ErrTimeout, a *storage.Transient... wrapped).
type StepResult struct {
	Step  Step
	OK    bool
	Reply string
	Err   error
}

// Report is the outcome of Test.
type Report struct {
	Steps       []StepResult
	Fingerprint string // SHA-256 of the server certificate, hex, when TLS was used
}

// OK reports whether every step passed.
func (r Report) OK() bool {
	return len(r.Steps) > 0 && r.Steps[len(r.Steps)-1].OK && r.Steps[len(r.Steps)-1].Step == StepDelete
}

// probeData is what Test writes and reads back.
var probeData = []byte("Coffre connection test: this file is deleted at once.\n")

// Test connects, secures the connection, logs in, lists the folder, writes a probe file, reads
// its size back, reads it, deletes it, and stops at the first step that fails.
func Test(ctx context.Context, cfg Config) Report {
	var rep Report
	if err := cfg.Validate(); err != nil {
		rep.Steps = append(rep.Steps, StepResult{Step: StepConnect, Err: err})
		return rep
	}
	cfg = cfg.withDefaults()
	var seen seenCert
	log := &replyLog{secret: cfg.Password}
	sess, err := dialSession(ctx, cfg, tlsConfig(cfg, &seen), log)
	rep.Fingerprint = seen.get()
	if err != nil {
		rep.connectFailed(cfg, err, log)
		return rep
	}
	defer sess.quit()
	stop := context.AfterFunc(ctx, sess.kill)
	defer stop()
	rep.connected(cfg, log)
	rep.run(ctx, sess, log)
	return rep
}

// connectFailed records the steps up to the one that failed.
func (r *Report) connectFailed(cfg Config, err error, log *replyLog) {
	var se *stepError
	failed := StepConnect
	if errors.As(err, &se) {
		failed = se.step
	}
	for _, st := range []Step{StepConnect, StepTLS, StepLogin, StepList} {
		if st == StepTLS && cfg.TLS == TLSNone {
			continue
		}
		if st == failed {
			r.Steps = append(r.Steps, StepResult{Step: st, Err: err, Reply: log.last()})
			return
		}
		r.Steps = append(r.Steps, StepResult{Step: st, OK: true})
	}
}

// connected records the connection steps, all passed.
func (r *Report) connected(cfg Config, log *replyLog) {
	r.Steps = append(r.Steps, StepResult{Step: StepConnect, OK: true, Reply: log.first()})
	if cfg.TLS != TLSNone {
		r.Steps = append(r.Steps, StepResult{Step: StepTLS, OK: true, Reply: "TLS " + r.Fingerprint})
	}
	r.Steps = append(r.Steps, StepResult{Step: StepLogin, OK: true, Reply: log.find("230")})
}

// run lists, writes, sizes, reads and deletes the probe.
func (r *Report) run(ctx context.Context, sess *session, log *replyLog) {
	name := tempName("coffre-test") // never a valid object name: RemoveTemp finds it if left
	steps := []struct {
		step Step
		fn   func() error
	}{
		{StepList, func() error { _, err := sess.sc.List(""); return classify(ctx, "LIST", err) }},
		{StepWrite, func() error { return classify(ctx, "STOR", sess.sc.Stor(name, bytes.NewReader(probeData))) }},
		{StepSize, func() error { return checkSize(ctx, sess, name) }},
		{StepRead, func() error { return readProbe(ctx, sess, name) }},
		{StepDelete, func() error { return classify(ctx, "DELE", sess.sc.Delete(name)) }},
	}
	for i, st := range steps {
		err := st.fn()
		r.Steps = append(r.Steps, StepResult{Step: st.step, OK: err == nil, Reply: log.last(), Err: err})
		if err != nil {
			if i >= 1 { // a failed upload may have left a part
				sess.sc.Delete(name)
			}
			return
		}
	}
}

func checkSize(ctx context.Context, sess *session, name string) error {
	n, err := sess.size(ctx, name)
	if err == nil && n != int64(len(probeData)) {
		err = fmt.Errorf("%w: %d bytes instead of %d", errShortStore, n, len(probeData))
	}
	return err
}

func readProbe(ctx context.Context, sess *session, name string) error {
	resp, err := sess.sc.Retr(name)
	if err != nil {
		return classify(ctx, "RETR", err)
	}
	got, err := io.ReadAll(io.LimitReader(resp, int64(len(probeData))+1))
	if cerr := resp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return classify(ctx, "RETR", err)
	}
	if !bytes.Equal(got, probeData) {
		return errors.New("the file read back differs from the one written")
	}
	return nil
}

// replyLog keeps the server's reply lines from the library's debug output, which also carries
// what the client sends: only lines that start with a reply code are kept, and the password
// is blanked wherever it might appear.
type replyLog struct {
	mu     sync.Mutex
	secret string
	buf    []byte
	lines  []string
}

func (l *replyLog) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.buf = append(l.buf, p...)
	consumed := 0
	for {
		i := bytes.IndexByte(l.buf[consumed:], '\n')
		if i < 0 {
			break
		}
		line := strings.TrimRight(string(l.buf[consumed:consumed+i]), "\r")
		consumed += i + 1
		line = strings.Map(func(r rune) rune {
			if r < 0x20 || r == 0x7f {
				return ' '
			}
			return r
		}, line)
		if l.secret != "" {
			line = strings.ReplaceAll(line, l.secret, "********")
		}
		if len(line) >= 4 && isDigits(line[:3]) && (line[3] == ' ' || line[3] == '-') && len(l.lines) < 1000 {
			l.lines = append(l.lines, line)
		}
	}
	l.buf = l.buf[consumed:]
	return len(p), nil
}

func isDigits(s string) bool {
	return strings.Trim(s, "0123456789") == ""
}

func (l *replyLog) last() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.lines) == 0 {
		return ""
	}
	return l.lines[len(l.lines)-1]
}

func (l *replyLog) first() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.lines) == 0 {
		return ""
	}
	return l.lines[0]
}

func (l *replyLog) find(code string) string {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, line := range l.lines {
		if strings.HasPrefix(line, code+" ") {
			return line
		}
	}
	return ""
}
