package api

import (
	"errors"
	"net/http"
	"time"

	"coffre/engine/account"
	"coffre/engine/spec"
	"coffre/server/auth"
	"coffre/server/scheduler"
	"coffre/server/store"
)

// Schedule routes (docs/schedules.md), when Config.Schedules is set:
//
//	GET    /api/clients/{login}/schedule          -> scheduleView (schedule null when none)
//	PUT    /api/clients/{login}/schedule          scheduleBody -> scheduleView; 400/403 as a backup
//	DELETE /api/clients/{login}/schedule          -> 204; 404 when none
//	POST   /api/clients/{login}/schedule/preview  scheduler.Schedule -> scheduler.Preview (next run, what
//	                                               the retention rule would delete)
//	PUT    /api/clients/{login}/backups/{storage}/{name}/keep  {kept} -> 204 (kept forever, or no longer)
//	GET    /api/schedules                         -> []scheduleView of every client (administrator only)
func (s *server) scheduleRoutes(mux *http.ServeMux) {
	if s.Schedules == nil {
		return
	}
	mux.HandleFunc("GET /api/clients/{login}/schedule", s.authed(s.ofClient(s.getSchedule)))
	mux.HandleFunc("PUT /api/clients/{login}/schedule", s.authed(s.ofClient(s.putSchedule)))
	mux.HandleFunc("DELETE /api/clients/{login}/schedule", s.authed(s.ofClient(s.deleteSchedule)))
	mux.HandleFunc("POST /api/clients/{login}/schedule/preview", s.authed(s.ofClient(s.previewSchedule)))
	mux.HandleFunc("PUT /api/clients/{login}/backups/{storage}/{name}/keep", s.authed(s.ofClient(s.keepBackup)))
	mux.HandleFunc("GET /api/schedules", s.authed(s.adminOnly(s.allSchedules)))
}

// scheduleView is a schedule with its next run, as the panel shows it. Next is in the host's
// time zone; NextText spells it with the zone's name ("2026-11-26 02:00 CET").
type scheduleView struct {
	Schedule *scheduler.Schedule `json:"schedule"`
	Next     *time.Time          `json:"next,omitempty"`
	NextText string              `json:"nextText,omitempty"`
}

func (s *server) viewOf(sc *scheduler.Schedule) scheduleView {
	if sc == nil {
		return scheduleView{}
	}
	next := s.Schedules.Next(*sc).In(s.Schedules.Location())
	return scheduleView{Schedule: sc, Next: &next, NextText: next.Format("2006-01-02 15:04 MST")}
}

func (s *server) getSchedule(w http.ResponseWriter, r *http.Request, _ auth.Session, login string) {
	sc, err := scheduler.Get(s.Store, login, scheduler.DefaultID)
	if errors.Is(err, store.ErrNotFound) {
		writeJSON(w, http.StatusOK, scheduleView{})
		return
	}
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, s.viewOf(&sc))
}

// scheduleBody is the Schedule form: the schedule and what to do with the backup password
// kept for its runs (a new one, none to leave it as it is, or forget it). The password is
// never sent back: the schedule says only whether one is kept (passwordKept).
type scheduleBody struct {
	scheduler.Schedule
	Password       string `json:"password,omitempty"`
	ForgetPassword bool   `json:"forgetPassword,omitempty"`
}

// decodeSchedule reads the client's default schedule from the body.
func decodeSchedule(w http.ResponseWriter, r *http.Request, login string) (scheduler.Schedule, scheduler.Password, bool) {
	var body scheduleBody
	if !decode(w, r, &body) {
		return body.Schedule, scheduler.Password{}, false
	}
	sc := body.Schedule
	sc.ID, sc.Client, sc.State = scheduler.DefaultID, login, scheduler.State{}
	return sc, scheduler.Password{New: body.Password, Forget: body.ForgetPassword}, true
}

func (s *server) putSchedule(w http.ResponseWriter, r *http.Request, _ auth.Session, login string) {
	sc, pw, ok := decodeSchedule(w, r, login)
	if !ok {
		return
	}
	saved, err := s.Schedules.SetWithPassword(sc, pw)
	if err != nil {
		s.writeRefusal(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, s.viewOf(&saved))
}

func (s *server) previewSchedule(w http.ResponseWriter, r *http.Request, _ auth.Session, login string) {
	sc, _, ok := decodeSchedule(w, r, login)
	if !ok {
		return
	}
	p, err := s.Schedules.Preview(r.Context(), sc)
	if err != nil {
		s.writeRefusal(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, previewView{Preview: p, NextText: p.Next.In(s.Schedules.Location()).Format("2006-01-02 15:04 MST")})
}

// previewView is a schedule's preview with its next run spelled in the host's time zone.
type previewView struct {
	scheduler.Preview
	NextText string `json:"nextText"`
}

func (s *server) deleteSchedule(w http.ResponseWriter, r *http.Request, _ auth.Session, login string) {
	if err := scheduler.Delete(s.Store, login, scheduler.DefaultID); err != nil {
		s.writeError(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func (s *server) allSchedules(w http.ResponseWriter, r *http.Request, _ auth.Session) {
	all, err := scheduler.List(s.Store, "")
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	out := []scheduleView{}
	for i := range all {
		out = append(out, s.viewOf(&all[i]))
	}
	writeJSON(w, http.StatusOK, out)
}

// keepRequest marks a backup kept forever, or no longer.
type keepRequest struct {
	Kept bool `json:"kept"`
}

func (s *server) keepBackup(w http.ResponseWriter, r *http.Request, _ auth.Session, login string) {
	var req keepRequest
	if !decode(w, r, &req) {
		return
	}
	kind := r.PathValue("storage")
	if kind != spec.StorageServer && kind != spec.StorageFTP {
		writeProblem(w, http.StatusBadRequest, account.Problem{Code: "invalid_request", Error: "storage must be server or ftp",
			Fields: []account.FieldProblem{{Field: "storage", Code: spec.CodeInvalidStorage}}})
		return
	}
	if err := s.Jobs.SetKept(r.Context(), login, kind, r.PathValue("name"), req.Kept); err != nil {
		s.writeRefusal(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
