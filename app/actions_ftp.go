package app

import (
	"slices"

	"coffre/engine/spec"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// The personal FTP storage settings of one client, as the API shows them (never the password).
type ftpSettings struct {
	Configured  bool   `json:"configured"`
	Host        string `json:"host"`
	Port        int    `json:"port"`
	User        string `json:"user"`
	Dir         string `json:"dir,omitempty"`
	TLS         string `json:"tls"`
	Fingerprint string `json:"fingerprint,omitempty"`
	HasPassword bool   `json:"hasPassword"`
}

// ftpStep is one step of a connection test, with the server's answer.
type ftpStep struct {
	Step  string   `json:"step"`
	OK    bool     `json:"ok"`
	Reply string   `json:"reply,omitempty"`
	Error string   `json:"error,omitempty"`
	Code  string   `json:"code,omitempty"` // the failure's code, when the server knows it
	Args  []string `json:"args,omitempty"`
}

// ftpTest is the outcome of a connection test.
type ftpTest struct {
	OK          bool      `json:"ok"`
	Steps       []ftpStep `json:"steps"`
	Fingerprint string    `json:"fingerprint,omitempty"`
	Trusted     bool      `json:"trusted"`
}

// ftpRequest is the value of the save and test actions: the form, for one client.
type ftpRequest struct {
	Login string
	Form  spec.FTP
}

// Actions and states of the FTP settings page.
const (
	actionLoadFTP = "ftp/load" // value: login
	actionSaveFTP = "ftp/save" // value: ftpRequest
	actionTestFTP = "ftp/test" // value: ftpRequest
)

func stateFTP(login string) string     { return "ftp/" + login }
func stateFTPSave(login string) string { return "ftp-save/" + login }
func stateFTPTest(login string) string { return "ftp-test/" + login }

func registerFTPActions() {
	app.Handle(actionLoadFTP, withLogin(func(ctx app.Context, login string) {
		load[ftpSettings](ctx, stateFTP(login), clientPath(login)+"/ftp")
	}))
	app.Handle(actionSaveFTP, handleSaveFTP)
	app.Handle(actionTestFTP, handleTestFTP)
}

// handleSaveFTP saves the form; an empty password keeps the saved one. The account is loaded
// again, so that the Back Up form offers the FTP storage at once.
func handleSaveFTP(ctx app.Context, a app.Action) {
	r, ok := a.Value.(ftpRequest)
	if !ok || r.Login == "" {
		return
	}
	key := stateFTPSave(r.Login)
	ctx.SetState(key, remote[ftpSettings]{Status: loading})
	var saved ftpSettings
	if f := send(ctx, "PUT", clientPath(r.Login)+"/ftp", r.Form, &saved); f != nil {
		ctx.SetState(key, remote[ftpSettings]{Status: failed, Err: f})
		return
	}
	ctx.SetState(key, remote[ftpSettings]{Status: loaded, Data: saved})
	ctx.SetState(stateFTP(r.Login), remote[ftpSettings]{Status: loaded, Data: saved})
	ctx.NewActionWithValue(actionLoadAccount, r.Login)
}

// handleTestFTP tests the form's settings without saving them.
func handleTestFTP(ctx app.Context, a app.Action) {
	r, ok := a.Value.(ftpRequest)
	if !ok || r.Login == "" {
		return
	}
	key := stateFTPTest(r.Login)
	ctx.SetState(key, remote[ftpTest]{Status: loading})
	var res ftpTest
	if f := send(ctx, "POST", clientPath(r.Login)+"/ftp/test", r.Form, &res); f != nil {
		ctx.SetState(key, remote[ftpTest]{Status: failed, Err: f})
		return
	}
	ctx.SetState(key, remote[ftpTest]{Status: loaded, Data: res})
}

// stateBackupsFTP is the key of the failure to list one client's FTP storage (remote[struct{}]).
func stateBackupsFTP(login string) string { return "backups-ftp/" + login }

// loadBackups lists the client's backups of both storages, newest first: the server storage,
// then the FTP storage (empty when the client has none). The FTP storage failing to answer
// does not hide the server storage's backups: its failure is kept apart, for the page to say.
func loadBackups(ctx app.Context, login string) {
	key := stateBackups(login)
	load[[]backupEntry](ctx, key, clientPath(login)+"/backups?storage=server")
	var r remote[[]backupEntry]
	ctx.GetState(key, &r)
	if r.Status != loaded {
		return
	}
	var ftpList []backupEntry
	if f := send(ctx, "GET", clientPath(login)+"/backups?storage=ftp", nil, &ftpList); f != nil {
		ctx.SetState(stateBackupsFTP(login), remote[struct{}]{Status: failed, Err: f})
		return
	}
	ctx.SetState(stateBackupsFTP(login), remote[struct{}]{Status: loaded})
	if len(ftpList) == 0 {
		return
	}
	all := append(slices.Clone(r.Data), ftpList...)
	slices.SortStableFunc(all, func(a, b backupEntry) int { return b.Created.Compare(a.Created) })
	ctx.SetState(key, remote[[]backupEntry]{Status: loaded, Data: all})
}
