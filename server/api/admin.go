package api

import (
	"errors"
	"net/http"

	"coffre/engine/account"
	"coffre/server/auth"
	"coffre/server/store"
	"coffre/server/tasks"
)

// adminRoutes registers the administrator's management of clients and what they own; each
// object is checked as the CLI checks it (server/store), and another client's object reads as
// missing (docs/api.md, "Administration").
func (s *server) adminRoutes(mux *http.ServeMux) {
	admin := func(h clientFunc) http.HandlerFunc { return s.authed(s.ofClient(s.adminOnClient(h))) }
	mux.HandleFunc("POST /api/clients", s.authed(s.adminOnly(s.addClient)))
	mux.HandleFunc("PUT /api/clients/{login}", admin(s.editClient))
	mux.HandleFunc("DELETE /api/clients/{login}", admin(s.deleteClient))
	mux.HandleFunc("POST /api/clients/{login}/subscriptions", admin(s.addSubscription))
	mux.HandleFunc("DELETE /api/clients/{login}/subscriptions/{domain}", admin(s.deleteSubscription))
	mux.HandleFunc("POST /api/clients/{login}/domains", admin(s.addDomain))
	mux.HandleFunc("DELETE /api/clients/{login}/domains/{name}", admin(s.deleteDomain))
	mux.HandleFunc("POST /api/clients/{login}/mailboxes", admin(s.addMailbox))
	mux.HandleFunc("DELETE /api/clients/{login}/mailboxes/{address}", admin(s.deleteMailbox))
	mux.HandleFunc("DELETE /api/clients/{login}/databases/{subscription}/{name}", admin(s.deleteDatabase))
	mux.HandleFunc("PUT /api/me/password", s.authed(s.changeOwnPassword))
}

// clientRequest is a client as the administrator adds or edits it. Login is read only when
// adding; Rights nil means every right (adding) or unchanged (editing); Password, when adding,
// is the password of the client's own panel.
type clientRequest struct {
	Login    string          `json:"login"`
	Name     string          `json:"name"`
	Company  string          `json:"company,omitempty"`
	Email    string          `json:"email,omitempty"`
	Lang     string          `json:"lang,omitempty"`
	Rights   *account.Rights `json:"rights,omitempty"`
	Password string          `json:"password,omitempty"`
}

func (s *server) addClient(w http.ResponseWriter, r *http.Request, _ auth.Session) {
	var req clientRequest
	if !decode(w, r, &req) {
		return
	}
	if req.Password != "" {
		if err := auth.ValidatePassword(req.Password); err != nil {
			s.writeError(w, r, err)
			return
		}
	}
	c := account.Client{Login: req.Login, Name: req.Name, Company: req.Company, Email: req.Email, Lang: req.Lang, Rights: account.AllRights}
	if req.Rights != nil {
		c.Rights = *req.Rights
	}
	c, err := s.Store.AddClient(c)
	if err == nil && req.Password != "" {
		err = auth.SetPassword(s.Store, c.Login, req.Password)
	}
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	s.Log.InfoContext(r.Context(), "client added", "client", c.Login)
	writeJSON(w, http.StatusCreated, c)
}

func (s *server) editClient(w http.ResponseWriter, r *http.Request, _ auth.Session, login string) {
	var req clientRequest
	if !decode(w, r, &req) {
		return
	}
	err := s.Store.UpdateClient(login, func(c *account.Client) error {
		c.Name, c.Company, c.Email = req.Name, req.Company, req.Email
		if req.Lang != "" {
			c.Lang = req.Lang
		}
		if req.Rights != nil {
			c.Rights = *req.Rights
		}
		return nil
	})
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	c, err := s.Store.Client(login)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, c)
}

// deleteClient removes a client and what it owns from Coffre (never files, databases or
// backups); 409 client_busy while one of its tasks is queued or running.
func (s *server) deleteClient(w http.ResponseWriter, r *http.Request, _ auth.Session, login string) {
	if s.Tasks != nil {
		s.Tasks.List(tasks.Filter{Client: login, Limit: 1}) // marks interrupted a task whose process died
	}
	err := tasks.CheckIdle(s.Store, login)
	var se *store.Error
	if errors.As(err, &se) && se.Code == tasks.CodeClientBusy {
		writeProblem(w, http.StatusConflict, se.Problem())
		return
	}
	if err == nil {
		err = s.Store.DeleteClient(login)
	}
	s.done(w, r, err, "client deleted", login)
}

// done answers 204 once a change is made, and logs it; or the error.
func (s *server) done(w http.ResponseWriter, r *http.Request, err error, what, key string) {
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	s.Log.InfoContext(r.Context(), what, "key", key)
	w.WriteHeader(http.StatusNoContent)
}

type subscriptionRequest struct {
	Domain  string   `json:"domain"`
	Root    string   `json:"root"`
	User    string   `json:"user,omitempty"`
	Logs    []string `json:"logs,omitempty"`
	DocRoot string   `json:"docroot,omitempty"`
}

func (s *server) addSubscription(w http.ResponseWriter, r *http.Request, _ auth.Session, login string) {
	var req subscriptionRequest
	if !decode(w, r, &req) {
		return
	}
	sub, err := s.Store.AddSubscription(account.Subscription{Domain: req.Domain, Client: login, Root: req.Root,
		User: req.User, Logs: req.Logs}, req.DocRoot)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, sub)
}

func (s *server) deleteSubscription(w http.ResponseWriter, r *http.Request, _ auth.Session, login string) {
	s.done(w, r, s.Store.DeleteSubscription(login, r.PathValue("domain")), "subscription deleted", r.PathValue("domain"))
}

// owned checks that the subscription named in a request is one of login's; it answers 404
// (or the refusal of the name) and returns false otherwise.
func (s *server) owned(w http.ResponseWriter, r *http.Request, login, domain string) bool {
	domain = store.NormalizeDomain(domain)
	if err := store.ValidateDomain("subscription", domain); err != nil {
		s.writeError(w, r, err)
		return false
	}
	sub, err := s.Store.Subscription(domain)
	if err == nil && sub.Client != login {
		err = store.ErrNotFound
	}
	if err != nil {
		s.writeError(w, r, err)
		return false
	}
	return true
}

func (s *server) addDomain(w http.ResponseWriter, r *http.Request, _ auth.Session, login string) {
	var req account.Domain
	if !decode(w, r, &req) || !s.owned(w, r, login, req.Subscription) {
		return
	}
	d, err := s.Store.AddDomain(req)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, d)
}

func (s *server) deleteDomain(w http.ResponseWriter, r *http.Request, _ auth.Session, login string) {
	s.done(w, r, s.Store.DeleteDomain(login, r.PathValue("name")), "domain deleted", r.PathValue("name"))
}

func (s *server) addMailbox(w http.ResponseWriter, r *http.Request, _ auth.Session, login string) {
	var req account.Mailbox
	if !decode(w, r, &req) || !s.owned(w, r, login, req.Subscription) {
		return
	}
	m, err := s.Store.AddMailbox(req)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, m)
}

func (s *server) deleteMailbox(w http.ResponseWriter, r *http.Request, _ auth.Session, login string) {
	s.done(w, r, s.Store.DeleteMailbox(login, r.PathValue("address")), "mailbox deleted", r.PathValue("address"))
}

func (s *server) deleteDatabase(w http.ResponseWriter, r *http.Request, _ auth.Session, login string) {
	sub, name := r.PathValue("subscription"), r.PathValue("name")
	s.done(w, r, s.Store.DeleteDatabase(login, sub, name), "database deleted", sub+"/"+name)
}
