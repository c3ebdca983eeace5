package app

import (
	"net/url"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// actionStartRestore queues a restore (value: spec.Restore, or restoreStart with a password) and opens its task.
const actionStartRestore = "restore/start"

// actionPreviewRestore asks what a restore would change (value: spec.Restore or restoreStart).
const actionPreviewRestore = "restore/preview"

func stateRestore(login string) string { return "restore/" + login }

func stateRestorePreview(login string) string { return "restore-preview/" + login }

func registerRestoreActions() {
	app.Handle(actionStartRestore, handleStartRestore)
	app.Handle(actionPreviewRestore, handlePreviewRestore)
}

func handleStartRestore(ctx app.Context, a app.Action) {
	start, ok := restoreStartOf(a.Value)
	r := start.Restore
	if !ok || r.Client == "" {
		return
	}
	key := stateRestore(r.Client)
	ctx.SetState(key, remote[task]{Status: loading})
	var t task
	if f := send(ctx, "POST", clientPath(r.Client)+"/restores", start, &t); f != nil {
		ctx.SetState(key, remote[task]{Status: failed, Err: f})
		return
	}
	ctx.SetState(stateTask(t.ID), remote[task]{Status: loaded, Data: t})
	ctx.SetState(key, remote[task]{Status: loaded, Data: t})
	ctx.Navigate(taskPagePath(r.Client, t.ID))
}

func handlePreviewRestore(ctx app.Context, a app.Action) {
	start, ok := restoreStartOf(a.Value)
	r := start.Restore
	if !ok || r.Client == "" {
		return
	}
	key := stateRestorePreview(r.Client)
	ctx.SetState(key, remote[restorePreview]{Status: loading, Data: restorePreview{For: r}})
	var pv restorePreview
	if f := send(ctx, "POST", clientPath(r.Client)+"/restores/preview", start, &pv); f != nil {
		ctx.SetState(key, remote[restorePreview]{Status: failed, Err: f, Data: restorePreview{For: r}})
		return
	}
	pv.For = r
	ctx.SetState(key, remote[restorePreview]{Status: loaded, Data: pv})
}

// restorePath is the page that restores backup name of storage.
func restorePath(login, name, storage string) string {
	return customerPath(login, "/restore") + "?backup=" + url.QueryEscape(name) + "&storage=" + url.QueryEscape(storage)
}
