package api

import (
	"net/http"

	"coffre/engine/account"
	"coffre/server/auth"
	"coffre/server/jobs"
	"coffre/server/store"
)

// databaseRequest is a database's definition as the administrator edits it. Password is only
// sent, never shown: empty keeps the saved one, unless ClearPassword.
type databaseRequest struct {
	Engine        string `json:"engine"`
	Host          string `json:"host,omitempty"`
	Port          int    `json:"port,omitempty"`
	User          string `json:"user,omitempty"`
	Path          string `json:"path,omitempty"`
	Password      string `json:"password,omitempty"`
	ClearPassword bool   `json:"clearPassword,omitempty"`
}

// putDatabase adds or changes a database of one of the client's subscriptions (administrator
// only): PUT /api/clients/{login}/databases/{subscription}/{name} -> account.Database.
func (s *server) putDatabase(w http.ResponseWriter, r *http.Request, _ auth.Session, login string) {
	var req databaseRequest
	if !decode(w, r, &req) {
		return
	}
	domain, name := store.NormalizeDomain(r.PathValue("subscription")), r.PathValue("name")
	sub, err := s.Store.Subscription(domain)
	if err != nil || sub.Client != login {
		writeProblem(w, http.StatusNotFound, notFoundProblem)
		return
	}
	if err := store.ValidateDatabaseName(name); err != nil {
		s.writeError(w, r, err)
		return
	}
	if err := store.ValidateText("password", req.Password, 1024, false); err != nil {
		s.writeError(w, r, err) // a line break or NUL would break the tools' password files
		return
	}
	var sealed []byte
	if req.Password != "" {
		if sealed, err = s.Keys.Seal(jobs.DatabaseLabel(domain, name), []byte(req.Password)); err != nil {
			s.writeError(w, r, err)
			return
		}
	}
	d := account.Database{Name: name, Subscription: domain, Engine: req.Engine, Host: req.Host, Port: req.Port,
		User: req.User, Path: req.Path}
	saved, err := s.Store.PutDatabase(d, sealed, req.Password == "" && !req.ClearPassword)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, saved)
}
