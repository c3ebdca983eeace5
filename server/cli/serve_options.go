package cli

import (
	"errors"
	"fmt"
	"log/slog"
	"net"
	"syscall"
	"time"

	"coffre/server/auth"
)

// serveOptions are the flags of `coffre serve` that tune the running server.
type serveOptions struct {
	workers   int
	level     slog.Level
	idle, max time.Duration
}

// serveFlags declares serve's tuning flags on f.
func serveFlags(f *flags) *serveOptions {
	o := &serveOptions{}
	f.IntVar(&o.workers, "workers", 2, "tasks run at once (at most one per client)")
	f.TextVar(&o.level, "log-level", slog.LevelInfo,
		"what the server logs on stderr: error, warn, info (task events, logins, errors) or debug (also every HTTP request)")
	f.DurationVar(&o.idle, "session-idle", auth.DefaultIdle, "a panel session unused this long ends (e.g. 30m, 8h)")
	f.DurationVar(&o.max, "session-max", auth.DefaultMax, "a panel session ends this long after login, used or not")
	return o
}

func (o *serveOptions) check() error {
	switch {
	case o.workers < 1:
		return usagef("--workers must be at least 1")
	case o.idle < time.Minute:
		return usagef("--session-idle must be at least 1m, got %s", o.idle)
	case o.max < o.idle:
		return usagef("--session-max (%s) must be at least --session-idle (%s)", o.max, o.idle)
	}
	return nil
}

// listenOn listens on addr; a busy address says how to choose another.
func listenOn(addr string) (net.Listener, error) {
	ln, err := net.Listen("tcp", addr)
	if errors.Is(err, syscall.EADDRINUSE) {
		return nil, fmt.Errorf("listen: %s is already in use by another program; stop it, or choose another address with --listen HOST:PORT (e.g. --listen 127.0.0.1:8081)", addr)
	}
	if err != nil {
		return nil, fmt.Errorf("listen on %s: %w (give --listen HOST:PORT)", addr, err)
	}
	return ln, nil
}
