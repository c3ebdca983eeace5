package app

import (
	"strings"

	"coffre/engine/account"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// restorePage restores one backup: everything, or chosen subscriptions, paths, mailboxes and
// databases; in place or into a folder of the webspace; with a choice for the files that
// exist, and a safety backup first (on by default). Restore is offered once the panel has
// said what the restore would replace, add and remove (the preview) for the choices shown.
// A backup signed by another host is restored only by the administrator, who confirms that
// host's key by its fingerprint; the administrator may also have the subscriptions this host
// lacks recreated from the backup.
type restorePage struct {
	app.Compo
	customerBase
	name, storage string
	backups       remote[[]backupEntry]
	start         remote[task]
	preview       remote[restorePreview]
	choice        restoreChoice
	trust         bool   // the administrator confirmed the signer's key
	overwrite     bool   // replace the databases that exist
	recreate      bool   // recreate the subscriptions this host lacks
	rootBase      string // under this folder instead of the backup's roots
	password      string // of a protected backup: sent with the preview and the restore only
	watching      string
}

func (p *restorePage) OnNav(ctx app.Context) {
	p.navCustomer(ctx, "restore.title")
	q := ctx.Page().URL().Query()
	p.name, p.storage = q.Get("backup"), q.Get("storage")
	if app.IsServer || p.login == "" {
		return
	}
	login := p.login
	if p.watching != login {
		p.watching = login
		p.backups, p.start, p.preview = remote[[]backupEntry]{}, remote[task]{}, remote[restorePreview]{}
		while := func() bool { return p.watching == login }
		ctx.ObserveState(stateBackups(login)).While(while).Value(&p.backups)
		ctx.ObserveState(stateRestore(login)).While(while).Value(&p.start)
		ctx.ObserveState(stateRestorePreview(login)).While(while).Value(&p.preview)
	}
	p.trust, p.recreate, p.rootBase, p.overwrite, p.password = false, false, "", false, ""
	ctx.GetState(stateBackupPassword(backupRef{Login: login, Storage: p.storage, Name: p.name}.key()), &p.password) // given on its Contents
	p.choice = newRestoreChoice(q["path"])
	ctx.NewActionWithValue(actionLoadBackups, login)
}

// entry is the backup the page is about; ok is false when the listing does not have it.
func (p *restorePage) entry() (backupEntry, bool) {
	for _, e := range p.backups.Data {
		if e.Name == p.name && e.storage() == p.storage {
			return e, true
		}
	}
	return backupEntry{}, false
}

func (p *restorePage) onPreview(ctx app.Context, ev app.Event) {
	if e, ok := p.entry(); ok && p.reason(e) == "" {
		if r, key := p.request(e); key == "" {
			ctx.NewActionWithValue(actionPreviewRestore, restoreStart{Restore: r, Password: p.password})
		}
	}
}

func (p *restorePage) onRestore(ctx app.Context, ev app.Event) {
	ev.PreventDefault()
	if e, ok := p.entry(); ok && p.reason(e) == "" && p.previewed(e) {
		r, _ := p.request(e)
		ctx.NewActionWithValue(actionStartRestore, restoreStart{Restore: r, Password: p.password})
	}
}

// reason is the message key saying why the backup cannot be restored from here, "" when it can.
func (p *restorePage) reason(e backupEntry) string {
	switch {
	case !p.isAdmin() && !p.acct.Data.Client.Rights.Restore:
		return "err.right_restore"
	case e.Status == "broken":
		return "restore.reason.broken"
	case e.Signature.Signer == "unsigned" || e.Signature.Signer == "mismatch":
		return "restore.reason.signature"
	case e.Signature.Signer == "other" && !p.isAdmin():
		return "err.right_trust"
	case e.Signature.Signer == "other" && !p.trust:
		return "restore.reason.confirm"
	}
	return ""
}

func (p *restorePage) onRetry(ctx app.Context, e app.Event) {
	ctx.NewActionWithValue(actionLoadBackups, p.login)
}

func (p *restorePage) Render() app.UI {
	return p.render("backups", "restore.title", func(a account.Account) []app.UI {
		back := app.P().Body(app.A().ID("restore-back").Href(customerPath(p.login, "/backups")).Text(p.t("ftp.back")))
		if w := p.pending(p.backups.Status, p.backups.Err, p.onRetry); w != nil {
			return []app.UI{back, w}
		}
		e, ok := p.entry()
		if !ok {
			return []app.UI{back, emptyState("archive", p.t("restore.title"), p.t("restore.missing", p.name))}
		}
		return []app.UI{back, p.form(e)}
	})
}

// rootBaseValue is the administrator's folder for recreated webspaces, without a trailing slash.
func (p *restorePage) rootBaseValue() string {
	return strings.TrimRight(strings.TrimSpace(p.rootBase), "/")
}
