package ftp

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net"
	"net/netip"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/jlaffaye/ftp"
)

// session is one logged-in control connection, used by one goroutine at a time. The library
// has no context and no deadline after dialing: every connection it opens goes through dial,
// which bounds each read and write by the timeout, and kill closes them all when a context ends.
type session struct {
	cfg  Config
	tls  *tls.Config // nil for plain FTP
	sc   *ftp.ServerConn
	ctx  context.Context // the operation's, for dials
	host string          // the control connection's peer IP: data connections go there only

	mu    sync.Mutex
	conns []net.Conn // the control connection, then the data connection in use
	dead  bool
}

// errPasvElsewhere refuses a data connection to another address than the control one.
var errPasvElsewhere = errors.New("the server asked for a data connection to another address")

// dialSession connects, secures, logs in and enters the folder. It returns a *stepError.
func dialSession(ctx context.Context, cfg Config, tc *tls.Config, log io.Writer) (*session, error) {
	s := &session{cfg: cfg, tls: tc, ctx: ctx}
	opts := []ftp.DialOption{ftp.DialWithDialFunc(s.dial)}
	switch cfg.TLS {
	case TLSExplicit:
		opts = append(opts, ftp.DialWithExplicitTLS(tc))
	case TLSImplicit:
		opts = append(opts, ftp.DialWithTLS(tc))
	}
	if log != nil {
		opts = append(opts, ftp.DialWithDebugOutput(log))
	}
	stop := context.AfterFunc(ctx, s.kill)
	defer stop()
	sc, err := ftp.Dial(net.JoinHostPort(cfg.Host, strconv.Itoa(cfg.Port)), opts...)
	if err != nil {
		if cfg.TLS == TLSExplicit && code(err) >= 500 { // AUTH TLS refused (a banner says 421)
			return nil, s.stepErr(ctx, StepTLS, "AUTH TLS", err)
		}
		return nil, s.stepErr(ctx, StepConnect, "connect", err)
	}
	s.sc = sc
	if err := sc.Login(cfg.User, cfg.Password); err != nil {
		s.kill()
		return nil, s.stepErr(ctx, StepLogin, "login", loginError(err))
	}
	if err := s.enter(cfg.Dir); err != nil {
		s.kill()
		return nil, s.stepErr(ctx, StepList, "folder "+cfg.Dir, err)
	}
	return s, nil
}

// loginError keeps the server's words when the library dropped the reply code.
func loginError(err error) error {
	if code(err) != 0 || isNetwork(err) || isTimeout(err) || isTLS(err) {
		return err
	}
	return &ReplyError{Cmd: "USER", Code: 530, Message: err.Error()}
}

// stepErr classifies err and names the step it failed; TLS failures count as the TLS step.
func (s *session) stepErr(ctx context.Context, step Step, cmd string, err error) error {
	if isTLS(err) {
		step = StepTLS
	}
	return &stepError{step: step, err: classify(ctx, cmd, err)}
}

// enter changes to dir, creating it (one level at a time) when it is missing.
func (s *session) enter(dir string) error {
	if dir == "" || s.sc.ChangeDir(dir) == nil {
		return nil
	}
	if strings.HasPrefix(dir, "/") {
		if err := s.sc.ChangeDir("/"); err != nil {
			return err
		}
	}
	for _, part := range strings.Split(dir, "/") {
		if part == "" {
			continue
		}
		if err := s.sc.ChangeDir(part); err == nil {
			continue
		}
		if err := s.sc.MakeDir(part); err != nil {
			return err
		}
		if err := s.sc.ChangeDir(part); err != nil {
			return err
		}
	}
	return nil
}

// dial opens the control connection (the first call) and then the data connections.
func (s *session) dial(network, addr string) (net.Conn, error) {
	s.mu.Lock()
	first, dead := len(s.conns) == 0, s.dead
	s.mu.Unlock()
	if dead {
		return nil, net.ErrClosed
	}
	if !first {
		if h, _, err := net.SplitHostPort(addr); err != nil || h != s.host {
			return nil, errPasvElsewhere
		}
	}
	d := net.Dialer{Timeout: s.cfg.Timeout, Control: guarded(s.cfg.Guard)}
	raw, err := d.DialContext(s.ctx, network, addr)
	if err != nil {
		return nil, err
	}
	var c net.Conn = &deadlineConn{Conn: raw, timeout: s.cfg.Timeout}
	if first {
		s.host = raw.RemoteAddr().(*net.TCPAddr).IP.String()
	}
	if s.tls != nil && (!first || s.cfg.TLS == TLSImplicit) {
		tc := tls.Client(c, s.tls)
		if first {
			if err := tc.HandshakeContext(s.ctx); err != nil {
				raw.Close()
				return nil, err
			}
			c = tc
		} else {
			c = dataTLS{Conn: tc, timeout: s.cfg.Timeout}
		}
	}
	if !s.track(first, raw) {
		raw.Close()
		return nil, net.ErrClosed
	}
	return c, nil
}

// guarded is a dialer's Control that asks guard about the resolved address; nil for none.
func guarded(guard func(netip.Addr) error) func(network, address string, _ syscall.RawConn) error {
	if guard == nil {
		return nil
	}
	return func(_, address string, _ syscall.RawConn) error {
		ap, err := netip.ParseAddrPort(address)
		if err != nil {
			return fmt.Errorf("%w: %s: %w", ErrAddressRefused, address, err)
		}
		if err := guard(ap.Addr().Unmap()); err != nil {
			return fmt.Errorf("%w: %w", ErrAddressRefused, err)
		}
		return nil
	}
}

// track records a new connection so that kill can close it; false if the session died.
func (s *session) track(first bool, c net.Conn) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.dead {
		return false
	}
	if first {
		s.conns = []net.Conn{c}
	} else {
		s.conns = append(s.conns[:1], c)
	}
	return true
}

// kill closes every connection at once: whatever the library was blocked on returns.
func (s *session) kill() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.dead = true
	for _, c := range s.conns {
		c.Close()
	}
}

func (s *session) isDead() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.dead
}

// quit says goodbye politely, then closes.
func (s *session) quit() {
	if s.sc != nil && !s.isDead() {
		s.sc.Quit()
	}
	s.kill()
}

// deadlineConn gives every read and write its own deadline: a server silent for longer than
// timeout fails the call, while a long transfer that keeps moving never does. Network
// deadlines are wall-clock time by nature.
type deadlineConn struct {
	net.Conn
	timeout time.Duration
}

func (c *deadlineConn) Read(p []byte) (int, error) {
	c.Conn.SetReadDeadline(time.Now().Add(c.timeout))
	return c.Conn.Read(p)
}

func (c *deadlineConn) Write(p []byte) (int, error) {
	c.Conn.SetWriteDeadline(time.Now().Add(c.timeout))
	return c.Conn.Write(p)
}

// stepError names the step of a connection that failed.
type stepError struct {
	step Step
	err  error
}

func (e *stepError) Error() string { return fmt.Sprintf("%s: %v", e.step, e.err) }
func (e *stepError) Unwrap() error { return e.err }
