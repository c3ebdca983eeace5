package api

import (
	"net/http"

	"coffre/server/auth"
	"coffre/server/jobs"
)

// spaceSettings answers the administrator's free-space settings.
func (s *server) spaceSettings(w http.ResponseWriter, r *http.Request, _ auth.Session) {
	cur, err := s.Jobs.Space()
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, cur)
}

// setSpace saves the minimum free space that backups and restores must leave.
func (s *server) setSpace(w http.ResponseWriter, r *http.Request, _ auth.Session) {
	var req jobs.SpaceSettings
	if !decode(w, r, &req) {
		return
	}
	if err := s.Jobs.SetSpace(req); err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, req)
}
