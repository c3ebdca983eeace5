package api

import (
	"errors"
	"mime"
	"net/http"
	"strconv"

	"coffre/engine/account"
	"coffre/engine/spec"
	"coffre/server/auth"
	"coffre/server/jobs"
	"coffre/server/store"
	"coffre/server/tasks"
)

// manageRoutes registers the download, upload, verify and delete routes of a client's backups
// (docs/api.md, "Download, upload, verify, delete").
func (s *server) manageRoutes(mux *http.ServeMux) {
	const b = "/api/clients/{login}/backups/{storage}/{name}"
	mux.HandleFunc("GET "+b+"/download", s.authed(s.ofClient(s.download)))
	mux.HandleFunc("GET "+b+"/download/{object}", s.authed(s.ofClient(s.download)))
	mux.HandleFunc("GET "+b+"/dependents", s.authed(s.ofClient(s.dependents)))
	mux.HandleFunc("DELETE "+b, s.authed(s.ofClient(s.deleteBackup)))
	mux.HandleFunc("POST "+b+"/verify", s.authed(s.ofClient(s.startVerify)))
	mux.HandleFunc("POST /api/clients/{login}/uploads", s.authed(s.ofClient(s.upload)))
	s.passwordRoutes(mux)
}

// download serves a backup's volume, index or manifest ({object}), or its volumes as one
// stream, with ranges (http.ServeContent): a download cut short resumes where it stopped.
func (s *server) download(w http.ResponseWriter, r *http.Request, _ auth.Session, login string) {
	d, ok := s.openDownload(w, r, login)
	if !ok {
		return
	}
	defer d.Close()
	rd := newPartsReader(r.Context(), d)
	defer rd.Close()
	w.Header().Set("Content-Type", "application/octet-stream")
	w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": d.Name}))
	w.Header().Set("Cache-Control", "private, no-store")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	if d.ETag != "" {
		w.Header().Set("ETag", d.ETag)
	}
	http.ServeContent(w, r, "", d.Modified, rd)
}

// dependents says which later backups depend on a backup: what deleting it also deletes.
func (s *server) dependents(w http.ResponseWriter, r *http.Request, _ auth.Session, login string) {
	name := r.PathValue("name")
	deps, err := s.Jobs.Dependents(r.Context(), login, r.PathValue("storage"), name)
	if err != nil {
		s.writeRefusal(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, dependentsView{Backup: name, Dependents: nonNil(deps)})
}

type dependentsView struct {
	Backup     string   `json:"backup"`
	Dependents []string `json:"dependents"`
}

type deleteRequest struct {
	WithDependents bool     `json:"withDependents"`
	Confirm        []string `json:"confirm"`
}

// deleteBackup deletes a backup, and its dependents when asked; the request must name every
// backup deleted. 409 has_dependents (args: the dependents) or confirm_names (args: the names).
func (s *server) deleteBackup(w http.ResponseWriter, r *http.Request, _ auth.Session, login string) {
	var req deleteRequest
	if !decode(w, r, &req) {
		return
	}
	done, err := s.Jobs.Delete(r.Context(), login, r.PathValue("storage"), r.PathValue("name"), req.WithDependents, req.Confirm)
	var se *store.Error
	if errors.As(err, &se) && (se.Code == jobs.CodeHasDependents || se.Code == jobs.CodeConfirm) {
		writeProblem(w, http.StatusConflict, se.Problem())
		return
	}
	if err != nil && len(done) == 0 {
		s.writeRefusal(w, r, err)
		return
	}
	if err != nil {
		s.Log.ErrorContext(r.Context(), "delete cut short", "client", login, "deleted", done, "err", err)
		writeProblem(w, http.StatusInternalServerError, account.Problem{Code: "delete_incomplete",
			Error: "the deletion stopped: " + err.Error(), Args: done})
		return
	}
	writeJSON(w, http.StatusOK, map[string][]string{"deleted": done})
}

type verifyRequest struct {
	TrustKey string `json:"trustKey,omitempty"`
	Password string `json:"password,omitempty"` // of a protected backup
}

// startVerify queues the verification of a backup. trustKey is the administrator's.
func (s *server) startVerify(w http.ResponseWriter, r *http.Request, sess auth.Session, login string) {
	var req verifyRequest
	if r.ContentLength != 0 && !decode(w, r, &req) {
		return
	}
	if sess.Role != store.RoleAdmin && req.TrustKey != "" {
		writeProblem(w, http.StatusForbidden, account.Problem{Code: forbiddenProblem.Code,
			Error: "only the administrator may do that", Fields: []account.FieldProblem{{Field: "trustKey", Code: spec.CodeRightTrust}}})
		return
	}
	v := tasks.Verify{Client: login, Backup: r.PathValue("name"), Storage: r.PathValue("storage"), TrustKey: req.TrustKey}
	if err := s.Jobs.CheckStorage(login, v.Storage); err != nil {
		s.writeRefusal(w, r, err)
		return
	}
	if s.refuseMissing(w, r, v) {
		return
	}
	if err := s.Jobs.CheckVerify(v.Client, v.Backup, v.Storage); err != nil {
		s.writeRefusal(w, r, err)
		return
	}
	key, ok := keyOf(w, req.Password)
	if !ok || !s.checkPassword(w, r, login, v.Storage, v.Backup, key) {
		return
	}
	if key != nil {
		if err := s.Jobs.KeepPassword(tasks.VerifyRequest(v, ""), key); err != nil {
			s.writeError(w, r, err)
			return
		}
	}
	t, err := s.Tasks.Submit(r.Context(), tasks.VerifyRequest(v, ""))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusAccepted, t)
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// uploadLimit is the default bound of an upload (Config.MaxUpload).
const uploadLimit = 64 << 30

func (s *server) maxUpload() int64 {
	if s.MaxUpload > 0 {
		return s.MaxUpload
	}
	return uploadLimit
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
