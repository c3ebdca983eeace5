package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"coffre/server/api"
	"coffre/server/auth"
	"coffre/server/demo"
	"coffre/server/jobs"
	"coffre/server/keys"
	"coffre/server/notify"
	"coffre/server/scheduler"
	"coffre/server/store"
	"coffre/server/tasks"
	"coffre/server/web"
)

func init() {
	register(&command{name: "serve", usage: "[--listen 127.0.0.1:8080] [--demo] [--workers 2] [--log-level info] [--session-idle 8h] [--session-max 168h]",
		summary: "Serve the panel. The first start creates the administrator and prints its password once.", run: serve})
}

func serve(ctx context.Context, env Env, args []string) error {
	f := newFlags(env, "serve")
	listen := f.String("listen", "127.0.0.1:8080", "the address to listen on")
	withDemo := f.Bool("demo", false, "seed the demo clients (idempotent)")
	opts := serveFlags(f)
	if _, err := f.parse(args, 0); err != nil {
		return err
	}
	if err := opts.check(); err != nil {
		return err
	}
	dir, err := filepath.Abs(f.data)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("data directory: %w", err)
	}
	release, err := lockServe(dir)
	if err != nil {
		return err
	}
	defer release()
	// Listen before the administrator is made: its one-time password must not be lost to a
	// busy port.
	ln, err := listenOn(*listen)
	if err != nil {
		return err
	}
	defer ln.Close()
	st, k, err := prepare(ctx, env, dir, *withDemo)
	if err != nil {
		return err
	}
	return serveWith(ctx, env, ln, st, k, *opts)
}

// serveWith runs the tasks and serves the site on ln until ctx ends.
func serveWith(ctx context.Context, env Env, ln net.Listener, st *store.Store, k *keys.Keys, opts serveOptions) error {
	log := slog.New(slog.NewTextHandler(env.Stderr, &slog.HandlerOptions{Level: opts.level}))
	j := jobs.New(st, k, jobs.Options{})
	runner, err := startRunner(ctx, st, k, j, opts.workers, log)
	if err != nil {
		return err
	}
	defer stopRunner(runner, log)
	sch := scheduler.New(st, runner, j, scheduler.Options{Alert: scheduler.MailAlert(st, k, time.Local), Log: log})
	schedCtx, stopSchedules := context.WithCancel(ctx)
	defer stopSchedules()
	go sch.Run(schedCtx)
	// The administrator is made last: its one-time password is printed, and nothing may fail
	// after that.
	pw, err := auth.EnsureAdmin(st)
	if err != nil {
		return err
	}
	printBanner(env.Stdout, ln.Addr(), st.Dir(), pw)
	sessions := auth.NewSessions(st, auth.SessionOptions{Idle: opts.idle, Max: opts.max})
	cfg := api.Config{Store: st, Log: log, Jobs: j, Tasks: runner, Keys: k, LastBackup: j.LastBackup, Sessions: sessions, Schedules: sch}
	return runHTTP(ctx, ln, newHandler(env, cfg), log)
}

// startRunner starts the task runner and recovers the tasks of the last run: a task left
// running by a server that stopped ends interrupted, its leftovers removed; queued ones run.
func startRunner(ctx context.Context, st *store.Store, k *keys.Keys, j *jobs.Jobs, workers int, log *slog.Logger) (*tasks.Runner, error) {
	r, err := tasks.New(st, tasks.Options{Workers: workers, Exec: j.Exec, Notify: notify.Notifier(st, k),
		Cleanup: j.Cleanup, Log: log})
	if err != nil {
		return nil, err
	}
	if err := r.Recover(ctx); err != nil {
		r.Close(context.Background())
		return nil, err
	}
	return r, nil
}

// stopRunner stops the runner: running tasks end interrupted and cleaned up, queued ones stay
// for the next start. It waits for them at most 30 seconds.
func stopRunner(r *tasks.Runner, log *slog.Logger) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := r.Close(ctx); err != nil {
		log.Error("stop tasks", "err", err)
	}
}

// prepare opens the store, makes the keys and seeds the demo.
func prepare(ctx context.Context, env Env, dir string, withDemo bool) (*store.Store, *keys.Keys, error) {
	st, err := store.Open(dir, store.Options{})
	if err != nil {
		return nil, nil, err
	}
	k, err := keys.Load(dir)
	if err != nil {
		return nil, nil, err
	}
	if withDemo {
		logins, err := demo.Seed(ctx, st)
		if err != nil {
			return nil, nil, err
		}
		fmt.Fprintf(env.Stdout, "Demo host: clients %s, files under %s\n", strings.Join(logins, ", "),
			filepath.Join(dir, demo.Dir))
	}
	return st, k, nil
}

func printBanner(w io.Writer, addr net.Addr, dir, pw string) {
	fmt.Fprintf(w, "Coffre is running: open %s in your browser\n", browserURL(addr))
	if pw != "" {
		fmt.Fprintf(w, "Log in as admin with this one-time password (shown only now): %s\n", pw)
		fmt.Fprintf(w, "Change it any time with: coffre admin password --data %s\n", dir)
	} else {
		fmt.Fprintf(w, "Log in as admin with your password (forgotten? coffre admin password --data %s)\n", dir)
	}
	fmt.Fprintln(w, "Stop with Ctrl-C.")
}

// browserURL is the URL to open for a listening address; a wildcard address is shown as
// localhost.
func browserURL(addr net.Addr) string {
	host, port, err := net.SplitHostPort(addr.String())
	if err != nil {
		return "http://" + addr.String() + "/"
	}
	if ip := net.ParseIP(host); ip == nil || ip.IsUnspecified() {
		host = "localhost"
	}
	return "http://" + net.JoinHostPort(host, port) + "/"
}

// newHandler is the whole site: the API under /api/, the panel elsewhere, every state change
// checked by http.CrossOriginProtection, one access log line per request.
func newHandler(env Env, cfg api.Config) http.Handler {
	log := cfg.Log
	mux := http.NewServeMux()
	apiHandler := api.New(cfg)
	mux.Handle("/api/", apiHandler)
	for _, pattern := range api.FormLoginPaths {
		mux.Handle(pattern, apiHandler)
	}
	mux.Handle("/", web.New(env.Web))
	return api.AccessLog(log, time.Now, securityHeaders(api.Protect(mux)))
}

func securityHeaders(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Content-Type-Options", "nosniff")
		w.Header().Set("Referrer-Policy", "same-origin")
		w.Header().Set("X-Frame-Options", "DENY")
		w.Header().Set("Content-Security-Policy", "frame-ancestors 'none'")
		h.ServeHTTP(w, r)
	})
}

// runHTTP serves on ln until ctx ends, then shuts down, giving requests in flight 5 seconds.
func runHTTP(ctx context.Context, ln net.Listener, h http.Handler, log *slog.Logger) error {
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second, IdleTimeout: 2 * time.Minute,
		ErrorLog: slog.NewLogLogger(log.Handler(), slog.LevelWarn)}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	select {
	case err := <-done:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	shutCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutCtx); err != nil {
		return fmt.Errorf("shut down: %w", err)
	}
	if err := <-done; !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serve: %w", err)
	}
	return nil
}
