package app

import (
	"coffre/engine/retention"
	"coffre/engine/schedule"
	"coffre/engine/spec"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// scheduleData is a client's schedule as the API sends and takes it (docs/schedules.md).
type scheduleData struct {
	Backup         spec.Backup    `json:"backup"`
	When           schedule.When  `json:"when"`
	FullEvery      string         `json:"fullEvery,omitempty"`
	NotifyOn       string         `json:"notifyOn,omitempty"`
	LowPriority    bool           `json:"lowPriority,omitempty"`
	Retention      retention.Rule `json:"retention"`
	RetentionScope string         `json:"retentionScope,omitempty"`
	State          scheduleState  `json:"state,omitempty"`
	// PasswordKept: the server keeps a backup password for the runs (it never sends it).
	PasswordKept   bool   `json:"passwordKept,omitempty"`
	Password       string `json:"password,omitempty"`       // a new password to keep
	ForgetPassword bool   `json:"forgetPassword,omitempty"` // forget the kept one
}

// scheduleState is what the server knows of the schedule's last run.
type scheduleState struct {
	LastTask   string `json:"lastTask,omitempty"`
	LastStatus string `json:"lastStatus,omitempty"`
}

// scheduleView is a saved schedule with its next run (nil Schedule when none).
type scheduleView struct {
	Schedule *scheduleData `json:"schedule"`
	NextText string        `json:"nextText,omitempty"`
}

// schedulePreview is what a schedule would do if saved: its next run, what its rule deletes.
type schedulePreview struct {
	NextText  string         `json:"nextText"`
	Plan      retention.Plan `json:"plan"`
	PlanError string         `json:"planError,omitempty"`
}

// scheduleRequest is the value of the save and preview actions.
type scheduleRequest struct {
	Login    string
	Schedule scheduleData
}

// Actions and states of the Schedule page and the Schedules list.
const (
	actionLoadSchedule    = "schedule/load"    // value: login
	actionSaveSchedule    = "schedule/save"    // value: scheduleRequest
	actionPreviewSchedule = "schedule/preview" // value: scheduleRequest
	actionScheduleOff     = "schedule/off"     // value: login
	actionLoadSchedules   = "schedules/load"
	stateSchedules        = "schedules"
)

func stateSchedule(login string) string        { return "schedule/" + login }
func stateScheduleSave(login string) string    { return "schedule-save/" + login }
func stateSchedulePreview(login string) string { return "schedule-preview/" + login }

func registerScheduleActions() {
	app.Handle(actionKeepBackup, handleKeepBackup)
	app.Handle(actionLoadSchedule, withLogin(func(ctx app.Context, login string) {
		load[scheduleView](ctx, stateSchedule(login), clientPath(login)+"/schedule")
	}))
	app.Handle(actionLoadSchedules, func(ctx app.Context, a app.Action) {
		load[[]scheduleView](ctx, stateSchedules, "/api/schedules")
	})
	app.Handle(actionSaveSchedule, func(ctx app.Context, a app.Action) {
		r, ok := a.Value.(scheduleRequest)
		if !ok || r.Login == "" {
			return
		}
		ask[scheduleView](ctx, stateScheduleSave(r.Login), "PUT", clientPath(r.Login)+"/schedule", r.Schedule,
			func(v scheduleView) {
				ctx.SetState(stateSchedule(r.Login), remote[scheduleView]{Status: loaded, Data: v})
			})
	})
	app.Handle(actionPreviewSchedule, func(ctx app.Context, a app.Action) {
		r, ok := a.Value.(scheduleRequest)
		if !ok || r.Login == "" {
			return
		}
		ask[schedulePreview](ctx, stateSchedulePreview(r.Login), "POST", clientPath(r.Login)+"/schedule/preview", r.Schedule, nil)
	})
	app.Handle(actionScheduleOff, withLogin(func(ctx app.Context, login string) {
		ask[struct{}](ctx, stateScheduleSave(login), "DELETE", clientPath(login)+"/schedule", nil,
			func(struct{}) { ctx.SetState(stateSchedule(login), remote[scheduleView]{Status: loaded}) })
	}))
}

// ask sends in with method to path and keeps the answer in the state key; then runs with the
// answer when it succeeded.
func ask[T any](ctx app.Context, key, method, path string, in any, then func(T)) {
	ctx.SetState(key, remote[T]{Status: loading})
	var out T
	if f := send(ctx, method, path, in, &out); f != nil {
		ctx.SetState(key, remote[T]{Status: failed, Err: f})
		return
	}
	ctx.SetState(key, remote[T]{Status: loaded, Data: out})
	if then != nil {
		then(out)
	}
}

// keepRequest is the value of actionKeepBackup.
type keepRequest struct {
	Ref  backupRef
	Kept bool
}

const actionKeepBackup = "backup/keep" // value: keepRequest

// handleKeepBackup marks a backup kept forever, or no longer, then lists the backups again.
func handleKeepBackup(ctx app.Context, a app.Action) {
	r, ok := a.Value.(keepRequest)
	if !ok || r.Ref.Login == "" {
		return
	}
	body := map[string]bool{"kept": r.Kept}
	if f := send(ctx, "PUT", backupPath(r.Ref)+"/keep", body, nil); f != nil {
		ctx.SetState(stateManage(r.Ref.Login), manageState{Err: f}) // the Backup Manager shows the refusal
		return
	}
	ctx.SetState(stateManage(r.Ref.Login), manageState{})
	ctx.NewActionWithValue(actionLoadBackups, r.Ref.Login)
}

// keepButton marks a backup kept forever (retention never deletes it), or no longer.
func keepButton(f *frame, e backupEntry, ref backupRef) app.UI {
	label := f.t("keep.forever")
	if e.Kept {
		label = f.t("keep.stop")
	}
	title := f.t("keep.help")
	return app.Button().Type("button").Class("btn btn-small keep-button").ID("keep-"+e.Name).Aria("pressed", e.Kept).Title(title).
		OnClick(func(ctx app.Context, _ app.Event) {
			ctx.NewActionWithValue(actionKeepBackup, keepRequest{Ref: ref, Kept: !e.Kept})
		}).
		Text(label)
}
