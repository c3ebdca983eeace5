package ftp

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/textproto"
	"os"
	"syscall"

	"coffre/engine/storage"
)

// ReplyError is a server's refusal, with its code and its own words, so that the panel can
// explain it: 530 (login refused), 550 (no such file, or not allowed), 552 (disk full or quota),
// 553 (name not allowed), 421 (too many connections, shutting down)...
type ReplyError struct {
	Cmd     string // the command refused, without its arguments ("STOR", "PASS")
	Code    int
	Message string
}

func (e *ReplyError) Error() string {
	return fmt.Sprintf("%s: the server answered %d %s", e.Cmd, e.Code, e.Message)
}

// Transient reports whether a new attempt may succeed: 421, 425, 426, 450, 451 and 4xx in
// general are temporary replies in FTP; 5xx are permanent.
func (e *ReplyError) Transient() bool { return e.Code >= 400 && e.Code < 500 }

// ErrTimeout is wrapped when the server stayed silent longer than the timeout.
var ErrTimeout = errors.New("the FTP server stopped answering")

// ErrAddressRefused is wrapped when Config.Guard refused the address of a connection. It is
// not transient: trying again reaches the same address.
var ErrAddressRefused = errors.New("connection refused by the host's policy")

// classify turns an error of cmd into a ReplyError for the server's refusals, marks transient
// errors with storage.Transient, and leaves ctx's own error alone.
func classify(ctx context.Context, cmd string, err error) error {
	if err == nil {
		return nil
	}
	if ctx.Err() != nil {
		return fmt.Errorf("ftp %s: %w", cmd, ctx.Err())
	}
	if errors.Is(err, ErrAddressRefused) {
		return fmt.Errorf("ftp %s: %w", cmd, err)
	}
	var tp *textproto.Error
	if errors.As(err, &tp) {
		re := &ReplyError{Cmd: cmd, Code: tp.Code, Message: tp.Msg}
		if re.Transient() {
			return storage.Transient(re)
		}
		return re
	}
	var re *ReplyError
	if errors.As(err, &re) {
		if re.Transient() {
			return storage.Transient(err)
		}
		return err
	}
	if isTimeout(err) {
		return storage.Transient(fmt.Errorf("ftp %s: %w", cmd, ErrTimeout))
	}
	if isNetwork(err) {
		return storage.Transient(fmt.Errorf("ftp %s: connection lost: %w", cmd, err))
	}
	return fmt.Errorf("ftp %s: %w", cmd, err)
}

func isTimeout(err error) bool {
	var ne net.Error
	return errors.Is(err, os.ErrDeadlineExceeded) || errors.As(err, &ne) && ne.Timeout()
}

// isNetwork reports a connection that broke: reset, closed, refused, cut short.
func isNetwork(err error) bool {
	var op *net.OpError
	return errors.As(err, &op) || errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) ||
		errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.EPIPE) ||
		errors.Is(err, syscall.ECONNREFUSED) || errors.Is(err, net.ErrClosed)
}

// code is the reply code carried by err, or 0.
func code(err error) int {
	var tp *textproto.Error
	if errors.As(err, &tp) {
		return tp.Code
	}
	var re *ReplyError
	if errors.As(err, &re) {
		return re.Code
	}
	return 0
}
