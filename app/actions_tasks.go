package app

import (
	"context"
	"net/url"
	"time"

	"coffre/engine/account"
	"coffre/engine/spec"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// State keys of the tasks' and backups' remote state. Only the handlers and pollers below write them.
const (
	stateAllTasks = "tasks" // remote[[]task]: every client's tasks (administrator)
	stateSMTP     = "smtp"  // remote[smtpSettings]
	stateSMTPSave = "smtp/save"
	stateSMTPTest = "smtp/test" // remote[string]: the address the last test mail went to
)

func stateBackups(login string) string     { return "backups/" + login }  // remote[[]backupEntry]
func stateClientTasks(login string) string { return "tasks/" + login }    // remote[[]task]
func stateTask(id string) string           { return "task/" + id }        // remote[task]
func stateStart(login string) string       { return "start/" + login }    // remote[task]: the last Back Up
func statePreview(login string) string     { return "preview/" + login }  // remote[previewAnswer]
func stateCancel(id string) string         { return "cancel/" + id }      // remote[task]
func statePassword(login string) string    { return "password/" + login } // remote[struct{}]

// Actions on backups and tasks.
const (
	actionLoadBackups  = "backups/load" // value: login
	actionLoadAllTasks = "tasks/loadAll"
	actionStartBackup  = "backup/start"   // value: spec.Backup, or backupStart with a password
	actionPreview      = "backup/preview" // value: spec.Backup
	actionCancelTask   = "task/cancel"    // value: task id
	actionLoadSMTP     = "smtp/load"
	actionSaveSMTP     = "smtp/save"       // value: smtpSettings
	actionTestSMTP     = "smtp/test"       // value: the address
	actionSetPassword  = "client/password" // value: passwordChange
)

// pollEvery is how often a page showing a live task asks for it again.
const pollEvery = 500 * time.Millisecond

// previewAnswer is a preview with the request it answers, so a page shows it only while the
// form still asks the same.
type previewAnswer struct {
	For    spec.Backup
	Result preview
}

// passwordChange is the administrator setting a client's panel password.
type passwordChange struct {
	Login    string `json:"-"`
	Password string `json:"password"`
}

func registerTaskActions() {
	app.Handle(actionLoadBackups, withLogin(loadBackups))
	app.Handle(actionLoadAllTasks, func(ctx app.Context, a app.Action) {
		load[[]task](ctx, stateAllTasks, "/api/tasks")
	})
	app.Handle(actionStartBackup, handleStartBackup)
	app.Handle(actionPreview, handlePreview)
	app.Handle(actionCancelTask, handleCancel)
	registerSettingsActions()
}

// withLogin runs h with the action's value as a client login; other values are ignored.
func withLogin(h func(app.Context, string)) app.ActionHandler {
	return func(ctx app.Context, a app.Action) {
		if login, ok := a.Value.(string); ok && login != "" {
			h(ctx, login)
		}
	}
}

// handleStartBackup posts the Back Up form; once the task exists it opens the task's page.
func handleStartBackup(ctx app.Context, a app.Action) {
	start, ok := backupStartOf(a.Value)
	if !ok {
		return
	}
	b := start.Backup
	key := stateStart(b.Client)
	ctx.SetState(key, remote[task]{Status: loading})
	var t task
	if f := send(ctx, "POST", clientPath(b.Client)+"/backups", start, &t); f != nil {
		ctx.SetState(key, remote[task]{Status: failed, Err: f})
		return
	}
	ctx.SetState(stateTask(t.ID), remote[task]{Status: loaded, Data: t})
	ctx.SetState(key, remote[task]{Status: loaded, Data: t})
	ctx.Navigate(taskPagePath(b.Client, t.ID))
}

func handlePreview(ctx app.Context, a app.Action) {
	b, ok := a.Value.(spec.Backup)
	if !ok {
		return
	}
	key := statePreview(b.Client)
	ctx.SetState(key, remote[previewAnswer]{Status: loading, Data: previewAnswer{For: b}})
	var p preview
	if f := send(ctx, "POST", clientPath(b.Client)+"/preview", b, &p); f != nil {
		ctx.SetState(key, remote[previewAnswer]{Status: failed, Err: f, Data: previewAnswer{For: b}})
		return
	}
	ctx.SetState(key, remote[previewAnswer]{Status: loaded, Data: previewAnswer{For: b, Result: p}})
}

// handleCancel asks the server to cancel a task; the answer is the task as it then stands.
func handleCancel(ctx app.Context, a app.Action) {
	id, ok := a.Value.(string)
	if !ok || id == "" {
		return
	}
	ctx.SetState(stateCancel(id), remote[task]{Status: loading})
	var t task
	if f := send(ctx, "POST", taskAPIPath(id)+"/cancel", nil, &t); f != nil {
		ctx.SetState(stateCancel(id), remote[task]{Status: failed, Err: f})
		return
	}
	ctx.SetState(stateCancel(id), remote[task]{Status: loaded, Data: t})
	ctx.SetState(stateTask(id), remote[task]{Status: loaded, Data: t})
}

// send is call for a request that changes something: a 401 also ends the session.
func send(ctx app.Context, method, path string, in, out any) *failure {
	f := call(ctx, method, path, in, out)
	if f != nil && f.HTTPStatus == 401 {
		ctx.SetState(stateMe, remote[account.Me]{Status: failed, Err: f})
	}
	return f
}

// poll asks for path every `every` into key while stop is not done, until done says the
// answer is the last one needed. Data on screen stays while a request fails (the failure is
// kept beside it); a 401 ends the session; a 404 ends the polling. It blocks: run it with
// ctx.Async.
func poll[T any](ctx app.Context, stop context.Context, key, path string, every time.Duration, done func(T) bool) {
	for {
		var data T
		f := call(stop, "GET", path, nil, &data)
		if stop.Err() != nil {
			return
		}
		if f == nil {
			ctx.SetState(key, remote[T]{Status: loaded, Data: data})
			if done(data) {
				return
			}
		} else if !keepPolling[T](ctx, key, f) {
			return
		}
		select {
		case <-stop.Done():
			return
		case <-time.After(every):
		}
	}
}

// keepPolling records a failed poll and says whether to go on: yes while the server may
// answer again (network, 5xx), no when the session ended or the object is gone.
func keepPolling[T any](ctx app.Context, key string, f *failure) bool {
	var r remote[T]
	ctx.GetState(key, &r)
	if f.HTTPStatus == 401 {
		ctx.SetState(stateMe, remote[account.Me]{Status: failed, Err: f})
	}
	if r.Status == loaded && (f.HTTPStatus == 0 || f.HTTPStatus >= 500) {
		ctx.SetState(key, remote[T]{Status: loaded, Data: r.Data, Err: f})
		return true
	}
	ctx.SetState(key, remote[T]{Status: failed, Err: f})
	return f.HTTPStatus == 0 || f.HTTPStatus >= 500
}

// taskAPIPath is the API path of one task.
func taskAPIPath(id string) string { return "/api/tasks/" + url.PathEscape(id) }

// taskPagePath is the panel's page of one task of a client.
func taskPagePath(login, id string) string { return customerPath(login, "/tasks/"+url.PathEscape(id)) }
