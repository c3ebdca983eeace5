package api

import (
	"errors"
	"net/http"
	"strconv"

	"coffre/engine/account"
	"coffre/server/auth"
	"coffre/server/store"
)

// CodeMustChange refuses every call but a change of password while the user still has the
// one-time password printed at first start.
const CodeMustChange = "password_change_required"

type ownPasswordRequest struct {
	Current  string `json:"current"`
	Password string `json:"password"`
}

// changeOwnPassword changes the session's own password (the current one required). The
// sessions opened before end; this one is replaced by a new session, sent in the cookie.
func (s *server) changeOwnPassword(w http.ResponseWriter, r *http.Request, sess auth.Session) {
	var req ownPasswordRequest
	if !decode(w, r, &req) {
		return
	}
	keys := []string{"ip:" + clientIP(r), "login:" + sess.Login} // wrong guesses count as failed logins
	if ok, retry := s.Limiter.Allowed(keys...); !ok {
		w.Header().Set("Retry-After", strconv.Itoa(int(retry.Seconds())+1))
		writeProblem(w, http.StatusTooManyRequests, account.Problem{Code: "rate_limited",
			Error: "too many wrong passwords; try again later", Args: []string{strconv.Itoa(int(retry.Seconds()) + 1)}})
		return
	}
	u, err := auth.ChangePassword(s.Store, sess.Login, req.Current, req.Password)
	var se *store.Error
	if errors.As(err, &se) && se.Code == auth.CodeWrongPassword {
		s.Limiter.Fail(keys...)
		s.Log.WarnContext(r.Context(), "password change: wrong current password", "ip", clientIP(r))
	}
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	me, err := s.meOf(auth.Session{Login: u.Login, Role: u.Role, Client: u.Client})
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	id, next, err := s.Sessions.Create(u)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	if _, err := s.Sessions.DeleteSessionsOf(u.Login, id); err != nil {
		s.Log.ErrorContext(r.Context(), "password changed: end other sessions", "login", u.Login, "err", err)
	}
	auth.SetCookie(w, r, id, next.Expires)
	s.Log.InfoContext(r.Context(), "password changed", "login", u.Login)
	writeJSON(w, http.StatusOK, me)
}

// mustChange answers 403 password_change_required, and returns true, when the session's user
// still has its one-time password and the request is not one it may make: its session, its
// password change, logging out.
func (s *server) mustChange(w http.ResponseWriter, r *http.Request, sess auth.Session) bool {
	if r.URL.Path == "/api/me" || r.URL.Path == "/api/me/password" {
		return false
	}
	u, err := s.Store.User(sess.Login)
	if err != nil || !u.MustChange {
		return false // a missing user was refused before
	}
	writeProblem(w, http.StatusForbidden, account.Problem{Code: CodeMustChange,
		Error: "change the one-time password first: PUT /api/me/password {current, password}"})
	return true
}
