package api

import (
	"context"
	"errors"
	"net"
	"net/http"
	"strconv"
	"strings"

	"coffre/engine/account"
	"coffre/server/auth"
	"coffre/server/store"
)

type loginRequest struct {
	Login    string `json:"login"`
	Password string `json:"password"`
}

// login checks a password and opens a session. Failures are counted per client IP and per
// login; past the limit the answer is 429 whatever the password.
func (s *server) login(w http.ResponseWriter, r *http.Request) {
	var req loginRequest
	if !decode(w, r, &req) {
		return
	}
	login := strings.ToLower(strings.TrimSpace(req.Login))
	keys := []string{"ip:" + clientIP(r), "login:" + truncate(login, 64)}
	if ok, retry := s.Limiter.Allowed(keys...); !ok {
		w.Header().Set("Retry-After", strconv.Itoa(int(retry.Seconds())+1))
		writeProblem(w, http.StatusTooManyRequests, account.Problem{Code: "rate_limited",
			Error: "too many failed logins; try again later", Args: []string{strconv.Itoa(int(retry.Seconds()) + 1)}})
		return
	}
	u, err := auth.Check(s.Store, login, req.Password)
	if errors.Is(err, auth.ErrLoginFailed) {
		s.Limiter.Fail(keys...)
		s.Log.WarnContext(r.Context(), "login failed", "ip", clientIP(r))
		writeProblem(w, http.StatusUnauthorized, account.Problem{Code: "login_failed", Error: "login failed"})
		return
	}
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	s.Limiter.Reset(keys[1])
	me, err := s.meOf(auth.Session{Login: u.Login, Role: u.Role, Client: u.Client})
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	id, sess, err := s.Sessions.Create(u)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	auth.SetCookie(w, r, id, sess.Expires)
	setUser(r, u.Login)
	s.Log.InfoContext(r.Context(), "logged in", "user", u.Login, "ip", clientIP(r))
	writeJSON(w, http.StatusOK, me)
}

func (s *server) logout(w http.ResponseWriter, r *http.Request) {
	if id, _, err := s.Sessions.FromRequest(r); err == nil {
		if err := s.Sessions.Delete(id); err != nil {
			s.writeError(w, r, err)
			return
		}
	}
	auth.ClearCookie(w, r)
	w.WriteHeader(http.StatusNoContent)
}

func (s *server) me(w http.ResponseWriter, r *http.Request, sess auth.Session) {
	me, err := s.meOf(sess)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, me)
}

func (s *server) meOf(sess auth.Session) (account.Me, error) {
	me := account.Me{Login: sess.Login, Role: sess.Role, Client: sess.Client}
	if u, err := s.Store.User(sess.Login); err == nil {
		me.MustChange = u.MustChange
	}
	if sess.Role != store.RoleClient {
		u, err := s.Store.User(sess.Login)
		me.Lang = u.Lang
		return me, err
	}
	c, err := s.Store.Client(sess.Client)
	me.Lang = c.Lang
	return me, err
}

type authedFunc func(http.ResponseWriter, *http.Request, auth.Session)

// authed runs h with the request's session, or answers 401. A session whose user is gone or
// has changed password since login is ended.
func (s *server) authed(h authedFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id, sess, err := s.Sessions.FromRequest(r)
		if err != nil && !errors.Is(err, auth.ErrNoSession) {
			s.writeError(w, r, err)
			return
		}
		ok := err == nil && s.stillValid(r.Context(), sess)
		if err == nil && !ok {
			if err := s.Sessions.Delete(id); err != nil {
				s.Log.ErrorContext(r.Context(), "end session", "err", err)
			}
		}
		if !ok {
			auth.ClearCookie(w, r)
			writeProblem(w, http.StatusUnauthorized, unauthProblem)
			return
		}
		setUser(r, sess.Login)
		if s.mustChange(w, r, sess) {
			return
		}
		h(w, r, sess)
	}
}

func (s *server) stillValid(ctx context.Context, sess auth.Session) bool {
	u, err := s.Store.User(sess.Login)
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		s.Log.ErrorContext(ctx, "read user", "err", err)
	}
	return err == nil && u.Changed.Equal(sess.Changed) && u.Role == sess.Role && u.Client == sess.Client
}

func (s *server) adminOnly(h authedFunc) authedFunc {
	return func(w http.ResponseWriter, r *http.Request, sess auth.Session) {
		if sess.Role != store.RoleAdmin {
			writeProblem(w, http.StatusForbidden, forbiddenProblem)
			return
		}
		h(w, r, sess)
	}
}

// mayManage reports whether the session may see and act on the client's objects.
func mayManage(sess auth.Session, client string) bool {
	return sess.Role == store.RoleAdmin || sess.Role == store.RoleClient && sess.Client == client
}

// clientIP is the connection's address; forwarding headers are not trusted.
func clientIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

func truncate(s string, n int) string {
	if len(s) > n {
		return s[:n]
	}
	return s
}
