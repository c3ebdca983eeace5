package api

import (
	"log/slog"
	"net/http"
	"time"

	"coffre/engine/account"
	"coffre/server/auth"
	"coffre/server/jobs"
	"coffre/server/keys"
	"coffre/server/scheduler"
	"coffre/server/store"
	"coffre/server/tasks"
)

// Config is what the API needs. Zero values get defaults in New: Now time.Now, Log discards,
// Sessions kept in Store with the default lifetimes, Limiter 5 failures a minute, LastBackup Jobs.LastBackup (none
// without Jobs). The routes of backups, tasks and settings exist only when Jobs, Tasks and Keys
// are all set.
type Config struct {
	Store    *store.Store
	Jobs     *jobs.Jobs    // checks requests, lists backups, previews exclusions
	Tasks    *tasks.Runner // the server's task runner
	Keys     *keys.Keys    // seals the SMTP password
	Sessions *auth.Sessions
	Limiter  *auth.Limiter
	Log      *slog.Logger
	Now      func() time.Time
	// LastBackup returns the time of a client's newest backup, nil if none. Called once per
	// client for the Clients list.
	LastBackup func(login string) *time.Time
	// Schedules sets and previews the clients' schedules; nil leaves out their routes.
	Schedules *scheduler.Scheduler
	// MaxUpload bounds the size of an uploaded backup (its volumes and index); 0 is 64 GiB.
	MaxUpload int64
}

type server struct {
	Config
}

// New returns the API's handler, to be mounted at /api/. Requests that change state must come
// from the panel's own origin (http.CrossOriginProtection) and carry a JSON body.
func New(cfg Config) http.Handler {
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.DiscardHandler)
	}
	if cfg.Sessions == nil {
		cfg.Sessions = auth.NewSessions(cfg.Store, auth.SessionOptions{Now: cfg.Now})
	}
	if cfg.Limiter == nil {
		cfg.Limiter = auth.NewLimiter(cfg.Now, 5, time.Minute)
	}
	if cfg.LastBackup == nil && cfg.Jobs != nil {
		cfg.LastBackup = cfg.Jobs.LastBackup
	}
	if cfg.LastBackup == nil {
		cfg.LastBackup = func(string) *time.Time { return nil }
	}
	s := &server{Config: cfg}
	mux := http.NewServeMux()
	s.routes(mux)
	return Protect(mux)
}

// Protect wraps h in http.CrossOriginProtection, answering a refused request with a JSON 403
// {code: "cross_origin"}.
func Protect(h http.Handler) http.Handler {
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		writeProblem(w, http.StatusForbidden, account.Problem{Code: "cross_origin",
			Error: "cross-origin request refused"})
	}))
	return cop.Handler(h)
}
