package app

import (
	"unicode/utf8"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"coffre/engine/account"
	"coffre/engine/spec"
)

// backupStart is the Back Up form as sent: the request and, for a protected backup, its
// password (the API's "password" field, never part of the request that the task records).
type backupStart struct {
	spec.Backup
	Password string `json:"password,omitempty"`
}

// maxBackupPassword is the longest backup password, in bytes (the server's bound).
const maxBackupPassword = 1024

// addPassword refuses a protected backup without a password, or with one the server refuses.
func (c *formCheck) addPassword(f backupForm) {
	if !f.Protect {
		return
	}
	if f.Password == "" {
		c.add(account.FieldProblem{Field: "password", Code: spec.CodeRequired})
		return
	}
	ok := len(f.Password) <= maxBackupPassword && utf8.ValidString(f.Password)
	for _, r := range f.Password {
		ok = ok && r >= 0x20 && r != 0x7f
	}
	if !ok {
		c.add(account.FieldProblem{Field: "password", Code: "invalid_backup_password"})
	}
}

// passwordQuestion: protect the backup with a password (encrypted; asked to read it).
func (p *backupPage) passwordQuestion(c formCheck) app.UI {
	in := inputValue(app.Input().Type("password").ID("backup-password").Attr("autocomplete", "new-password").
		Attr("maxlength", maxBackupPassword).OnInput(p.setText(&p.form.Password)), p.form.Password)
	if !p.form.Protect {
		in = in.Disabled(true)
	}
	if len(c.fields["password"]) > 0 {
		in = in.Aria("invalid", "true").Aria("describedby", "password-error")
	}
	return app.Div().Class("question").Body(
		p.optionUI(option{id: "protect", label: p.t("form.password"), help: p.t("form.password.help"),
			checked: p.form.Protect, onChange: p.setBool(&p.form.Protect), nested: []app.UI{
				app.Div().Class("field").Body(app.Label().For("backup-password").Text(p.t("restore.password")), in),
			}}),
		p.fieldErrors("password", c.fields["password"]),
	)
}

// restoreStart is a restore request as sent, with the password of a protected backup.
type restoreStart struct {
	spec.Restore
	Password string `json:"password,omitempty"`
}

// passwordUI asks the password of a protected backup; the server says at once if it is wrong.
func (p *restorePage) passwordUI(e backupEntry) app.UI {
	if !e.Protected {
		return nil
	}
	in := inputValue(app.Input().Type("password").ID("restore-password").Attr("autocomplete", "off").
		Attr("maxlength", maxBackupPassword).OnInput(func(ctx app.Context, ev app.Event) {
		p.password = ctx.JSSrc().Get("value").String()
	}), p.password)
	return app.Div().Class("question field").Body(
		app.Label().For("restore-password").Body(icon("lock"), app.Span().Text(" "+p.t("restore.password"))),
		helpLine("restore-password", p.t("backups.protected")),
		in,
	)
}

// sealedSuffix is ".age" for a protected backup's stored objects, "" for others.
func sealedSuffix(e backupEntry) string {
	if e.Protected {
		return ".age"
	}
	return ""
}

// protectedHolds is a protected backup's lock (its manifest names nothing it holds), or what
// the backup holds.
func protectedHolds(f *frame, e backupEntry) app.UI {
	if !e.Protected {
		return holdsUI(f, e)
	}
	return app.Span().Class("protected").Title(f.t("form.password.help")).Body(icon("lock"), app.Span().Text(" "+f.t("backups.protected")))
}

// verifyProtected starts a verification; for a protected backup it first asks the password in
// the page (passwordBox), unless the one that opened it before is known.
func verifyProtected(ctx app.Context, e backupEntry, ref backupRef) {
	if e.Protected {
		ctx.NewActionWithValue(verifyUse.ask(), ref)
		return
	}
	ctx.NewActionWithValue(actionVerifyBackup, ref)
}

// restoreStartOf is an action's restore request, with or without a password.
func restoreStartOf(v any) (restoreStart, bool) {
	switch r := v.(type) {
	case restoreStart:
		return r, true
	case spec.Restore:
		return restoreStart{Restore: r}, true
	}
	return restoreStart{}, false
}

// backupStartOf is an action's backup request, with or without a password.
func backupStartOf(v any) (backupStart, bool) {
	switch b := v.(type) {
	case backupStart:
		return b, true
	case spec.Backup:
		return backupStart{Backup: b}, true
	}
	return backupStart{}, false
}
