package api

import (
	"net/http"

	"coffre/server/auth"
)

// setPassword sets the password a client logs in to its own panel with; the client's sessions
// end. ofClient and adminOnClient have checked the session and the client.
func (s *server) setPassword(w http.ResponseWriter, r *http.Request, _ auth.Session, login string) {
	var req struct {
		Password string `json:"password"`
	}
	if !decode(w, r, &req) {
		return
	}
	if err := auth.SetPassword(s.Store, login, req.Password); err != nil {
		s.writeError(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
