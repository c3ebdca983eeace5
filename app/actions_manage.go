package app

import (
	"encoding/json"
	"net/url"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// Actions of the Backup Manager's rows: verify, delete (after a confirmation that names every
// backup deleted) and upload.
const (
	actionVerifyBackup = "backup/verify"       // value: backupRef
	actionAskDelete    = "backup/askDelete"    // value: backupRef
	actionCancelDelete = "backup/cancelDelete" // value: login
	actionDeleteBackup = "backup/delete"       // value: deleteConfirm
	actionUpload       = "backup/upload"       // value: uploadRequest
)

func stateManage(login string) string { return "manage/" + login } // manageState

// backupRef names one backup of a client's storage.
type backupRef struct {
	Login   string
	Storage string
	Name    string
	// Password is a protected backup's, asked for its verification; sent, never kept.
	Password string
}

// deleteConfirm is a deletion waiting for the user's confirmation: the backup and the later
// backups that depend on it, all deleted together.
type deleteConfirm struct {
	Ref        backupRef
	Dependents []string
}

// names are every backup the deletion removes, dependents first.
func (d deleteConfirm) names() []string {
	return append(append([]string{}, d.Dependents...), d.Ref.Name)
}

// uploadRequest uploads the files chosen in the file input InputID to a client's storage.
type uploadRequest struct {
	Login   string
	Storage string
	InputID string
}

// manageState is what the Backup Manager says about the last row action.
type manageState struct {
	Busy     string         // "verify", "delete", "upload" while it runs
	Confirm  *deleteConfirm // a deletion to confirm
	Deleted  []string       // the backups the last deletion removed
	Uploaded string         // the backup the last upload stored
	Err      *failure
}

func registerManageActions() {
	app.Handle(actionVerifyBackup, handleVerifyBackup)
	app.Handle(actionAskDelete, handleAskDelete)
	app.Handle(actionCancelDelete, withLogin(func(ctx app.Context, login string) {
		ctx.SetState(stateManage(login), manageState{})
	}))
	app.Handle(actionDeleteBackup, handleDeleteBackup)
	app.Handle(actionUpload, handleUpload)
}

// backupPath is the API path of one backup.
func backupPath(r backupRef) string {
	return clientPath(r.Login) + "/backups/" + url.PathEscape(r.Storage) + "/" + url.PathEscape(r.Name)
}

func handleVerifyBackup(ctx app.Context, a app.Action) {
	r, ok := a.Value.(backupRef)
	if !ok || r.Login == "" {
		return
	}
	ctx.SetState(stateManage(r.Login), manageState{Busy: "verify"})
	var t task
	var body any
	if r.Password != "" {
		body = map[string]string{"password": r.Password}
	}
	if f := send(ctx, "POST", backupPath(r)+"/verify", body, &t); f != nil {
		ctx.SetState(stateManage(r.Login), manageState{Err: f})
		return
	}
	ctx.SetState(stateManage(r.Login), manageState{})
	ctx.SetState(stateTask(t.ID), remote[task]{Status: loaded, Data: t})
	ctx.Navigate(taskPagePath(r.Login, t.ID))
}

// handleAskDelete asks which backups depend on the one to delete, then asks for confirmation.
func handleAskDelete(ctx app.Context, a app.Action) {
	r, ok := a.Value.(backupRef)
	if !ok || r.Login == "" {
		return
	}
	ctx.SetState(stateManage(r.Login), manageState{Busy: "delete"})
	var deps struct {
		Dependents []string `json:"dependents"`
	}
	if f := send(ctx, "GET", backupPath(r)+"/dependents", nil, &deps); f != nil {
		ctx.SetState(stateManage(r.Login), manageState{Err: f})
		return
	}
	ctx.SetState(stateManage(r.Login), manageState{Confirm: &deleteConfirm{Ref: r, Dependents: deps.Dependents}})
}

func handleDeleteBackup(ctx app.Context, a app.Action) {
	d, ok := a.Value.(deleteConfirm)
	if !ok || d.Ref.Login == "" {
		return
	}
	login := d.Ref.Login
	ctx.SetState(stateManage(login), manageState{Busy: "delete", Confirm: &d})
	body := map[string]any{"withDependents": len(d.Dependents) > 0, "confirm": d.names()}
	var done struct {
		Deleted []string `json:"deleted"`
	}
	f := send(ctx, "DELETE", backupPath(d.Ref), body, &done)
	ctx.NewActionWithValue(actionLoadBackups, login)
	if f != nil {
		ctx.SetState(stateManage(login), manageState{Err: f})
		return
	}
	ctx.SetState(stateManage(login), manageState{Deleted: done.Deleted})
}

func handleUpload(ctx app.Context, a app.Action) {
	u, ok := a.Value.(uploadRequest)
	if !ok || u.Login == "" {
		return
	}
	ctx.SetState(stateManage(u.Login), manageState{Busy: "upload"})
	path := clientPath(u.Login) + "/uploads?storage=" + url.QueryEscape(u.Storage)
	code, answer, err := uploadFiles(ctx, path, u.InputID)
	if err != nil {
		ctx.SetState(stateManage(u.Login), manageState{Err: clientFailure("upload", err)})
		return
	}
	if code < 200 || code > 299 {
		ctx.SetState(stateManage(u.Login), manageState{Err: problemOf(code, answer)})
		return
	}
	var e backupEntry
	json.Unmarshal(answer, &e)
	ctx.NewActionWithValue(actionLoadBackups, u.Login)
	ctx.SetState(stateManage(u.Login), manageState{Uploaded: e.Name})
}
