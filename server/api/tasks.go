package api

import (
	"net/http"

	"coffre/server/auth"
	"coffre/server/tasks"
)

// listLimit is how many tasks a listing returns, the newest.
const listLimit = 50

func (s *server) clientTasks(w http.ResponseWriter, r *http.Request, _ auth.Session, login string) {
	if q, offset, limit, ok := pageOf(w, r, listLimit); ok {
		s.listTasks(w, r, tasks.Filter{Client: login, Query: q, Offset: offset, Limit: limit})
	}
}

func (s *server) allTasks(w http.ResponseWriter, r *http.Request, _ auth.Session) {
	if q, offset, limit, ok := pageOf(w, r, listLimit); ok {
		s.listTasks(w, r, tasks.Filter{Query: q, Offset: offset, Limit: limit})
	}
}

func (s *server) listTasks(w http.ResponseWriter, r *http.Request, f tasks.Filter) {
	list, err := s.Tasks.List(f)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	if list == nil {
		list = []tasks.Task{}
	}
	writeJSON(w, http.StatusOK, list)
}

// ownTask returns the task {id} if the session may see it; otherwise it answers 404, the same
// for another client's task as for a missing one, and returns false.
func (s *server) ownTask(w http.ResponseWriter, r *http.Request, sess auth.Session) (tasks.Task, bool) {
	t, err := s.Tasks.Get(r.PathValue("id"))
	if err == nil && !mayManage(sess, t.Client) {
		writeProblem(w, http.StatusNotFound, notFoundProblem)
		return tasks.Task{}, false
	}
	if err != nil {
		s.writeError(w, r, err)
		return tasks.Task{}, false
	}
	return t, true
}

// task answers the task with its live progress, warnings and log: the panel polls it.
func (s *server) task(w http.ResponseWriter, r *http.Request, sess auth.Session) {
	if t, ok := s.ownTask(w, r, sess); ok {
		writeJSON(w, http.StatusOK, t)
	}
}

func (s *server) cancelTask(w http.ResponseWriter, r *http.Request, sess auth.Session) {
	if _, ok := s.ownTask(w, r, sess); !ok {
		return
	}
	t, err := s.Tasks.Cancel(r.PathValue("id"))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, t)
}
