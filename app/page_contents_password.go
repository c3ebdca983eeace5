package app

import (
	"coffre/engine/account"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// The Contents page of a password-protected backup first asks its password: the API refuses
// the tree without it (backup_password_required) or with another (wrong_backup_password). The
// password given is sent in a header with every request of the page (tree, search, versions)
// and kept only in the page's memory (stateBackupPassword), never in a URL.

// rememberedPassword reads the password that opened the page's backup before, if any.
func (p *contentsPage) rememberedPassword(ctx app.Context) {
	p.given = ""
	ctx.GetState(stateBackupPassword(p.treeRequest().key()), &p.given)
}

// passwordForm asks the backup's password while the tree is refused for the want of it; it
// says a wrong one next to the field. nil otherwise.
func (p *contentsPage) passwordForm() app.UI {
	if p.tree.Status != failed || !isPasswordProblem(p.tree.Err) {
		return nil
	}
	in := app.Input().Type("password").ID("contents-password").Attr("autocomplete", "off").Required(true).
		Attr("maxlength", maxBackupPassword).Aria("describedby", "contents-password-help")
	var wrong app.UI
	if p.tree.Err.Problem.Code == "wrong_backup_password" {
		in = in.Aria("invalid", "true").Aria("describedby", "contents-password-help contents-password-error")
		wrong = p.fieldErrors("contents-password", []account.FieldProblem{{Field: "password", Code: "wrong_backup_password"}})
	}
	return app.Form().Class("card contents-password").ID("contents-unlock-form").OnSubmit(p.onUnlock).Body(
		app.H2().Body(icon("lock"), app.Span().Text(" "+p.t("contents.password.title"))),
		app.Div().Class("field").Body(
			app.Label().For("contents-password").Text(p.t("restore.password")),
			helpLine("contents-password", p.t("contents.password.help")),
			in,
			wrong,
		),
		app.Div().Class("form-buttons").Body(
			app.Button().Type("submit").Class("btn btn-primary").ID("contents-unlock").Text(p.t("contents.password.open")),
		),
	)
}

// onUnlock sends the password typed with the page's requests.
func (p *contentsPage) onUnlock(ctx app.Context, e app.Event) {
	e.PreventDefault()
	pw := app.Window().Get("document").Call("getElementById", "contents-password").Get("value").String()
	if pw == "" {
		return
	}
	p.given = pw
	r := p.treeRequest()
	ctx.NewActionWithValue(actionLoadTree, r)
	if p.query != "" {
		ctx.NewActionWithValue(actionSearchTree, r)
	}
	if p.versionsOf != "" {
		ctx.NewActionWithValue(actionLoadVersions, r)
	}
}

// downloadBar downloads the whole archive: a link for a backup read without a password; for a
// protected one, a button that posts the password given on this page (the archive comes
// decrypted). With the box that says the download started or why it did not.
func (p *contentsPage) downloadBar() app.UI {
	ref := backupRef{Login: p.login, Storage: p.storage, Name: p.name}
	var action app.UI = app.A().Class("btn").ID("contents-download").Href(backupPath(ref)+"/download").
		Attr("download", p.name+".tar.zst").Text(p.t("manage.download"))
	if p.given != "" {
		ref.Password = p.given
		action = app.Button().Type("button").Class("btn").ID("contents-download").Title(p.t("download.help")).
			OnClick(func(ctx app.Context, _ app.Event) { ctx.NewActionWithValue(downloadUse.with(), ref) }).
			Text(p.t("manage.download"))
	}
	return app.Div().Class("contents-download").Body(action, &passwordBox{Use: downloadUse, Login: p.login, Lang: p.lang})
}
