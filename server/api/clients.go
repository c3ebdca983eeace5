package api

import (
	"net/http"

	"coffre/engine/account"
	"coffre/server/auth"
)

func (s *server) clients(w http.ResponseWriter, r *http.Request, _ auth.Session) {
	list, err := s.Store.Summaries()
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	if list == nil {
		list = []account.ClientSummary{}
	}
	for i := range list {
		list[i].LastBackup = s.LastBackup(list[i].Login)
	}
	writeJSON(w, http.StatusOK, list)
}

func (s *server) client(w http.ResponseWriter, r *http.Request, sess auth.Session) {
	login := r.PathValue("login")
	if !mayManage(sess, login) {
		writeProblem(w, http.StatusNotFound, notFoundProblem)
		return
	}
	a, err := s.Store.Account(login)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, a)
}
