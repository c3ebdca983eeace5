package api

import (
	"net/http"
	"strconv"

	"coffre/engine/account"
	"coffre/server/auth"
)

// clientsPage is the default size of a page of the Clients list.
const clientsPage = 100

// clients answers one page of the Clients list (?q=&offset=&limit=), by login; the header
// X-Total-Count says how many clients match.
func (s *server) clients(w http.ResponseWriter, r *http.Request, _ auth.Session) {
	q, offset, limit, ok := pageOf(w, r, clientsPage)
	if !ok {
		return
	}
	list, total, err := s.Store.SummaryPage(q, offset, limit)
	w.Header().Set("X-Total-Count", strconv.Itoa(total))
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
