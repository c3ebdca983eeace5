package api

import "net/http"

// routes registers every route. Object routes check the session's rights on the object; a
// client asking for another client's object gets the same 404 as for a missing one.
//
//	POST /api/login            {login, password} -> account.Me; 401 login_failed; 429 rate_limited
//	POST /api/logout           -> 204
//	GET  /api/me               -> account.Me; 401 unauthenticated
//	GET  /api/clients          -> []account.ClientSummary (administrator only; 403 forbidden)
//	GET  /api/clients/{login}  -> account.Account; 404 not_found
func (s *server) routes(mux *http.ServeMux) {
	mux.HandleFunc("POST /api/login", s.login)
	mux.HandleFunc("POST /api/logout", s.logout)
	mux.HandleFunc("GET /api/me", s.authed(s.me))
	mux.HandleFunc("GET /api/clients", s.authed(s.adminOnly(s.clients)))
	mux.HandleFunc("GET /api/clients/{login}", s.authed(s.client))
	mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		writeProblem(w, http.StatusNotFound, notFoundProblem)
	})
}
