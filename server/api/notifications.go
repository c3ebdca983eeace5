package api

import (
	"net/http"

	"coffre/engine/account"
	"coffre/server/auth"
	"coffre/server/failure"
	"coffre/server/notify"
)

// codeNoMail refuses a notification asked while no mail settings are saved.
const codeNoMail = "notifications_unavailable"

// notifications says whether task notifications can be sent: whether mail settings are saved.
// Every user may ask, so that a form says it before a notification is asked for.
func (s *server) notifications(w http.ResponseWriter, r *http.Request, _ auth.Session) {
	_, ok, err := notify.Load(s.Store, s.Keys)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]bool{"available": ok})
}

// refuseNotify answers 400 and returns true when a task asks for a notification that cannot
// be sent: no mail settings are saved. The task would do its work, then fail to tell.
func (s *server) refuseNotify(w http.ResponseWriter, r *http.Request, to string) bool {
	if to == "" {
		return false
	}
	_, ok, err := notify.Load(s.Store, s.Keys)
	if err != nil {
		s.writeError(w, r, err)
		return true
	}
	if ok {
		return false
	}
	writeProblem(w, http.StatusBadRequest, account.Problem{Code: "invalid_request",
		Error: "task notifications are not available: no mail settings are saved", Cause: failure.SMTPNotSetUp,
		Fields: []account.FieldProblem{{Field: "notify", Code: codeNoMail}}})
	return true
}
