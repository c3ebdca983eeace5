package api

import (
	"errors"
	"net/http"

	"coffre/engine/account"
	"coffre/engine/protect"
	"coffre/engine/spec"
	"coffre/server/auth"
	"coffre/server/jobs"
	"coffre/server/store"
	"coffre/server/tasks"
)

// clientFunc handles a route about one client, whose login the session may manage and which
// exists.
type clientFunc func(w http.ResponseWriter, r *http.Request, sess auth.Session, login string)

// ofClient checks {login} before h: another client's login, or one that does not exist,
// gets the same 404 as anything missing. It checks before reading any body, so nothing about
// another client's objects shows through a validation error either.
func (s *server) ofClient(h clientFunc) authedFunc {
	return func(w http.ResponseWriter, r *http.Request, sess auth.Session) {
		login := r.PathValue("login")
		if !mayManage(sess, login) {
			writeProblem(w, http.StatusNotFound, notFoundProblem)
			return
		}
		if _, err := s.Store.Client(login); err != nil {
			s.writeError(w, r, err)
			return
		}
		h(w, r, sess, login)
	}
}

// adminOnClient lets only the administrator through, once ofClient has checked the login.
func (s *server) adminOnClient(h clientFunc) clientFunc {
	return func(w http.ResponseWriter, r *http.Request, sess auth.Session, login string) {
		if sess.Role != store.RoleAdmin {
			writeProblem(w, http.StatusForbidden, forbiddenProblem)
			return
		}
		h(w, r, sess, login)
	}
}

// backups lists the client's backups of the storage ?storage= (server or ftp), or of every
// storage it has. One storage that cannot be read is a 502 storage_unreachable with its error;
// without ?storage=, the backups of the storages that could be read.
func (s *server) backups(w http.ResponseWriter, r *http.Request, _ auth.Session, login string) {
	kind := r.URL.Query().Get("storage")
	if kind != "" && kind != spec.StorageServer && kind != spec.StorageFTP {
		writeProblem(w, http.StatusBadRequest, account.Problem{Code: "invalid_request", Error: "storage must be server or ftp",
			Fields: []account.FieldProblem{{Field: "storage", Code: spec.CodeInvalidStorage}}})
		return
	}
	if kind == spec.StorageFTP {
		if c, err := s.Store.Client(login); err == nil && (!c.Rights.FTPStorage || c.FTP == nil) {
			writeJSON(w, http.StatusOK, []jobs.Listed{})
			return
		}
	}
	list, err := s.Jobs.List(r.Context(), login, kind)
	var se *jobs.StorageError
	if errors.As(err, &se) && kind != "" {
		writeProblem(w, http.StatusBadGateway, withCause(account.Problem{Code: "storage_unreachable",
			Args: []string{se.Storage}}, se))
		return
	}
	if err != nil && !errors.As(err, &se) {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, list)
}

// startRestore queues a restore. Only the administrator may restore elsewhere than in place,
// trust another host's key, or have subscriptions recreated: a client asking is refused (403
// right_trust), whatever the panel allowed.
func (s *server) startRestore(w http.ResponseWriter, r *http.Request, sess auth.Session, login string) {
	var body restoreBody
	if !decode(w, r, &body) {
		return
	}
	req := body.Restore
	req.Client = login
	if sess.Role != store.RoleAdmin && (req.TrustKey != "" || req.RootBase != "" || req.Recreate || req.To != "") {
		writeProblem(w, http.StatusForbidden, account.Problem{Code: forbiddenProblem.Code,
			Error: "only the administrator may do that", Fields: []account.FieldProblem{{Field: "trustKey", Code: spec.CodeRightTrust}}})
		return
	}
	if err := s.Jobs.CheckRestore(req); err != nil {
		s.writeRefusal(w, r, err)
		return
	}
	if s.refuseNotify(w, r, req.Notify) {
		return
	}
	key, ok := keyOf(w, body.Password)
	if !ok || !s.checkPassword(w, r, login, req.Storage, req.Backup, key) {
		return
	}
	if key != nil {
		if err := s.Jobs.KeepPassword(tasks.RestoreRequest(req, req.Notify), key); err != nil {
			s.writeError(w, r, err)
			return
		}
	}
	t, err := s.Tasks.Submit(r.Context(), tasks.RestoreRequest(req, req.Notify))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusAccepted, t)
}

// startBackup queues a backup of the client: the request is validated and checked against the
// client's rights here, whatever the panel allowed.
func (s *server) startBackup(w http.ResponseWriter, r *http.Request, _ auth.Session, login string) {
	var body backupBody
	if !decode(w, r, &body) {
		return
	}
	b := body.Backup
	b.Client = login
	b.Schedule = "" // set by the scheduler only
	key, ok := keyOf(w, body.Password)
	if !ok {
		return
	}
	b.Protected = key != nil
	if err := s.Jobs.CheckBackup(b); err != nil {
		s.writeRefusal(w, r, err)
		return
	}
	if s.refuseNotify(w, r, b.Notify) {
		return
	}
	if key != nil {
		if err := s.Jobs.KeepPassword(tasks.BackupRequest(b), key); err != nil {
			s.writeError(w, r, err)
			return
		}
	}
	t, err := s.Tasks.Submit(r.Context(), tasks.BackupRequest(b))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusAccepted, t)
}

func (s *server) preview(w http.ResponseWriter, r *http.Request, _ auth.Session, login string) {
	var b spec.Backup
	if !decode(w, r, &b) {
		return
	}
	b.Client = login
	res, err := s.Jobs.Preview(r.Context(), b)
	if errors.Is(err, jobs.ErrPreviewTimeout) {
		writeProblem(w, http.StatusServiceUnavailable, account.Problem{Code: "preview_timeout",
			Error: "the webspaces are too large to preview in time"})
		return
	}
	if err != nil {
		s.writeRefusal(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, res)
}

// writeRefusal answers a request refused by jobs' checks: 400 invalid_request, or 403
// forbidden for the client's rights, each refused field listed; other errors as writeError.
func (s *server) writeRefusal(w http.ResponseWriter, r *http.Request, err error) {
	var ref *jobs.Refusal
	if !errors.As(err, &ref) {
		s.writeError(w, r, err)
		return
	}
	p := account.Problem{Code: "invalid_request", Error: ref.Error()}
	status := http.StatusBadRequest
	if ref.Forbidden {
		p.Code, status = forbiddenProblem.Code, http.StatusForbidden
	}
	for _, fe := range ref.Errors {
		p.Fields = append(p.Fields, account.FieldProblem{Field: fe.Field, Code: fe.Code, Args: fe.Args})
	}
	writeProblem(w, status, p)
}

// previewRestore says what a restore would replace, add and remove, writing nothing. It is
// refused as the restore itself would be; a preview that cannot be made (a path not in the
// backup, a folder outside the webspace) is a 422 preview_failed that says why.
func (s *server) previewRestore(w http.ResponseWriter, r *http.Request, sess auth.Session, login string) {
	var body restoreBody
	if !decode(w, r, &body) {
		return
	}
	req := body.Restore
	req.Client = login
	if sess.Role != store.RoleAdmin && (req.TrustKey != "" || req.RootBase != "" || req.Recreate || req.To != "") {
		writeProblem(w, http.StatusForbidden, account.Problem{Code: forbiddenProblem.Code,
			Error: "only the administrator may do that", Fields: []account.FieldProblem{{Field: "trustKey", Code: spec.CodeRightTrust}}})
		return
	}
	if err := s.Jobs.CheckRestore(req); err != nil {
		s.writeRefusal(w, r, err)
		return
	}
	key, ok := keyOf(w, body.Password)
	if !ok || !s.checkPassword(w, r, login, req.Storage, req.Backup, key) {
		return
	}
	ctx := r.Context()
	if key != nil {
		ctx = protect.WithKey(ctx, key)
	}
	pv, err := s.Jobs.PreviewRestore(ctx, req)
	var refusal *jobs.Refusal
	switch {
	case errors.As(err, &refusal):
		s.writeRefusal(w, r, err)
	case err != nil:
		writeProblem(w, http.StatusUnprocessableEntity, withCause(account.Problem{Code: "preview_failed"}, err))
	default:
		writeJSON(w, http.StatusOK, pv)
	}
}
