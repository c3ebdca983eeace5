package api

import (
	"net/http"

	"coffre/engine/account"
	"coffre/server/auth"
	"coffre/server/notify"
	"coffre/server/store"
)

// smtpView is the SMTP settings as the API shows them: never the password, only whether one
// is kept.
type smtpView struct {
	Host        string `json:"host"`
	Port        int    `json:"port"`
	TLS         string `json:"tls"`
	User        string `json:"user"`
	From        string `json:"from"`
	HasPassword bool   `json:"hasPassword"`
}

// smtpRequest is the Settings form. An empty or absent password keeps the saved one (unless
// the user is emptied: no user, no password).
type smtpRequest struct {
	Host     string `json:"host"`
	Port     int    `json:"port"`
	TLS      string `json:"tls"`
	User     string `json:"user"`
	Password string `json:"password"`
	From     string `json:"from"`
}

func viewOf(s notify.Settings) smtpView {
	return smtpView{Host: s.Host, Port: s.Port, TLS: s.TLS, User: s.User, From: s.From, HasPassword: len(s.Password) > 0}
}

func (s *server) smtpSettings(w http.ResponseWriter, r *http.Request, _ auth.Session) {
	cur, ok, err := notify.Load(s.Store, s.Keys)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	if !ok {
		cur = notify.Settings{Port: 25, TLS: notify.TLSStartTLS}
	}
	writeJSON(w, http.StatusOK, viewOf(cur))
}

func (s *server) setSMTP(w http.ResponseWriter, r *http.Request, _ auth.Session) {
	var req smtpRequest
	if !decode(w, r, &req) {
		return
	}
	next := notify.Settings{Host: req.Host, Port: req.Port, TLS: req.TLS, User: req.User, From: req.From,
		Password: []byte(req.Password)}
	if req.Password == "" && req.User != "" {
		old, ok, err := notify.Load(s.Store, s.Keys)
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		if ok {
			next.Password = old.Password
		}
	}
	if err := notify.Save(s.Store, s.Keys, next); err != nil {
		s.writeError(w, r, err)
		return
	}
	s.Log.InfoContext(r.Context(), "SMTP settings saved", "smtp", next)
	writeJSON(w, http.StatusOK, viewOf(next))
}

func (s *server) testSMTP(w http.ResponseWriter, r *http.Request, _ auth.Session) {
	var req struct {
		To string `json:"to"`
	}
	if !decode(w, r, &req) {
		return
	}
	if err := store.ValidateEmail("to", req.To); err != nil {
		s.writeError(w, r, err)
		return
	}
	cur, ok, err := notify.Load(s.Store, s.Keys)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	if !ok {
		err = notify.ErrNotConfigured
	} else {
		err = notify.SendTest(r.Context(), cur, req.To)
	}
	if err != nil {
		writeProblem(w, http.StatusBadGateway, withCause(account.Problem{Code: "mail_failed"}, err))
		return
	}
	writeJSON(w, http.StatusOK, map[string]bool{"sent": true})
}
