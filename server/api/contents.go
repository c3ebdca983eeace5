package api

import (
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"coffre/engine/account"
	"coffre/engine/browse"
	"coffre/engine/index"
	"coffre/engine/manifest"
	"coffre/engine/spec"
	"coffre/server/auth"
	"coffre/server/jobs"
)

// contentsView is a page of a backup's webspace tree, with what the backup holds besides.
type contentsView struct {
	Backup        string             `json:"backup"`
	Created       time.Time          `json:"created"`
	Type          string             `json:"type"`
	Subscriptions []string           `json:"subscriptions"`
	Captured      *manifest.Captured `json:"captured,omitempty"`
	browse.Page
}

// contentRoutes registers the routes that show what a backup holds.
func (s *server) contentRoutes(mux *http.ServeMux) {
	base := "GET /api/clients/{login}/backups/{name}/"
	mux.HandleFunc(base+"tree", s.authed(s.ofClient(s.backupTree)))
	mux.HandleFunc(base+"search", s.authed(s.ofClient(s.backupSearch)))
	mux.HandleFunc(base+"versions", s.authed(s.ofClient(s.backupVersions)))
}

func (s *server) backupTree(w http.ResponseWriter, r *http.Request, _ auth.Session, login string) {
	kind, ok := s.browseStorage(w, r, login)
	if !ok {
		return
	}
	ctx, ok := withHeaderKey(w, r)
	if !ok {
		return
	}
	q := r.URL.Query()
	offset, err1 := intParam(q.Get("offset"), 0)
	offset = min(offset, 1<<40)
	limit, err2 := intParam(q.Get("limit"), 200)
	if err1 != nil || err2 != nil {
		badParam(w, "offset", "offset and limit must be whole numbers")
		return
	}
	var view contentsView
	err := s.Jobs.Contents(ctx, login, kind, r.PathValue("name"), func(l *browse.Listing, m manifest.Manifest) error {
		page, err := l.List(r.Context(), q.Get("path"), offset, limit)
		view = contentsView{Backup: m.Name, Created: m.Created, Type: m.Type,
			Subscriptions: m.Subscriptions, Captured: m.Captured, Page: page}
		return err
	})
	if err != nil {
		s.writeBrowseError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, view)
}

func (s *server) backupSearch(w http.ResponseWriter, r *http.Request, _ auth.Session, login string) {
	kind, ok := s.browseStorage(w, r, login)
	if !ok {
		return
	}
	ctx, ok := withHeaderKey(w, r)
	if !ok {
		return
	}
	q := r.URL.Query()
	limit, err := intParam(q.Get("limit"), 200)
	if err != nil {
		badParam(w, "limit", "limit must be a whole number")
		return
	}
	if len(q.Get("q")) > 255 {
		badParam(w, "q", "the name searched is longer than 255 bytes")
		return
	}
	var found browse.Found
	err = s.Jobs.Contents(ctx, login, kind, r.PathValue("name"), func(l *browse.Listing, _ manifest.Manifest) error {
		var err error
		found, err = l.Search(r.Context(), q.Get("q"), limit)
		return err
	})
	if err != nil {
		s.writeBrowseError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, found)
}

func (s *server) backupVersions(w http.ResponseWriter, r *http.Request, _ auth.Session, login string) {
	kind, ok := s.browseStorage(w, r, login)
	if !ok {
		return
	}
	ctx, ok := withHeaderKey(w, r)
	if !ok {
		return
	}
	path := strings.Trim(r.URL.Query().Get("path"), "/")
	if path == "" || len(path) > 4096 {
		badParam(w, "path", "give the path of a file or folder, as domain/rel")
		return
	}
	vs, err := s.Jobs.Versions(ctx, login, kind, r.PathValue("name"), path)
	if err != nil {
		s.writeBrowseError(w, r, err)
		return
	}
	if vs == nil {
		vs = []browse.Version{}
	}
	writeJSON(w, http.StatusOK, vs)
}

// browseStorage reads ?storage= (server by default); the FTP storage needs the client's right
// and its settings, else the backup is as missing as any other.
func (s *server) browseStorage(w http.ResponseWriter, r *http.Request, login string) (string, bool) {
	kind := r.URL.Query().Get("storage")
	if kind == "" {
		kind = spec.StorageServer
	}
	if kind != spec.StorageServer && kind != spec.StorageFTP {
		writeProblem(w, http.StatusBadRequest, account.Problem{Code: "invalid_request", Error: "storage must be server or ftp",
			Fields: []account.FieldProblem{{Field: "storage", Code: spec.CodeInvalidStorage}}})
		return "", false
	}
	if kind == spec.StorageFTP {
		if c, err := s.Store.Client(login); err != nil || !c.Rights.FTPStorage || c.FTP == nil {
			writeProblem(w, http.StatusNotFound, notFoundProblem)
			return "", false
		}
	}
	return kind, true
}

func (s *server) writeBrowseError(w http.ResponseWriter, r *http.Request, err error) {
	var se *jobs.StorageError
	if writePasswordProblem(w, err) {
		return
	}
	switch {
	case errors.Is(err, jobs.ErrNoBackup), errors.Is(err, browse.ErrNotFound):
		writeProblem(w, http.StatusNotFound, notFoundProblem)
	case errors.Is(err, index.ErrCorrupt):
		writeProblem(w, http.StatusConflict, withCause(account.Problem{Code: "backup_corrupt"}, err))
	case errors.As(err, &se):
		writeProblem(w, http.StatusBadGateway, withCause(account.Problem{Code: "storage_unreachable",
			Args: []string{se.Storage}}, se))
	default:
		s.writeError(w, r, err)
	}
}

func intParam(v string, def int) (int, error) {
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 {
		return 0, errors.New("not a whole number")
	}
	return n, nil
}

func badParam(w http.ResponseWriter, field, msg string) {
	writeProblem(w, http.StatusBadRequest, account.Problem{Code: "invalid_request", Error: msg,
		Fields: []account.FieldProblem{{Field: field, Code: "invalid"}}})
}
