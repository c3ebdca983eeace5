package app

import (
	"net/url"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// actionSaveDatabase adds or changes a database (value: dbEdit); the outcome goes to
// stateDatabaseSave and, once saved, the client's account is loaded again.
const actionSaveDatabase = "database/save"

// stateDatabaseSave is the key of the last database save: remote[dbEdit].
const stateDatabaseSave = "database/save"

// dbEdit is a database as the administrator edits it (the API's databaseRequest, with where
// it goes). Password is only sent; empty keeps the saved one unless ClearPassword.
type dbEdit struct {
	Login         string `json:"-"`
	Subscription  string `json:"-"`
	Name          string `json:"-"`
	Engine        string `json:"engine"`
	Host          string `json:"host,omitempty"`
	Port          int    `json:"port,omitempty"`
	User          string `json:"user,omitempty"`
	Path          string `json:"path,omitempty"`
	Password      string `json:"password,omitempty"`
	ClearPassword bool   `json:"clearPassword,omitempty"`
}

func registerDatabaseActions() {
	app.Handle(actionSaveDatabase, handleSaveDatabase)
}

func handleSaveDatabase(ctx app.Context, a app.Action) {
	d, ok := a.Value.(dbEdit)
	if !ok || d.Login == "" {
		return
	}
	ctx.SetState(stateDatabaseSave, remote[dbEdit]{Status: loading, Data: d})
	path := clientPath(d.Login) + "/databases/" + url.PathEscape(d.Subscription) + "/" + url.PathEscape(d.Name)
	if f := send(ctx, "PUT", path, d, nil); f != nil {
		ctx.SetState(stateDatabaseSave, remote[dbEdit]{Status: failed, Err: f, Data: d})
		return
	}
	d.Password = ""
	ctx.SetState(stateDatabaseSave, remote[dbEdit]{Status: loaded, Data: d})
	ctx.NewActionWithValue(actionLoadAccount, d.Login)
}
