package app

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// form is the backup, who signed it, what to restore and how, the administrator's
// confirmations, then what the restore would change (the preview) and Restore.
func (p *restorePage) form(e backupEntry) app.UI {
	reason := p.reason(e)
	req, missing := p.request(e)
	if reason == "" {
		reason = missing
	}
	var why app.UI
	if reason != "" {
		why = app.P().Class("reason").ID("restore-reason").Body(icon("info"), app.Span().Text(p.t(reason)))
	}
	var failure app.UI
	if p.start.Status == failed {
		failure = p.failureView(p.start.Err, nil)
	}
	check := app.Button().Type("button").ID("restore-preview").Class("btn").OnClick(p.onPreview).
		Body(icon("eye"), app.Span().Text(p.t("restore.preview")))
	if reason != "" || p.preview.Status == loading && sameRequest(p.preview.Data.For, req) {
		check = check.Disabled(true).Aria("describedby", "restore-reason")
	}
	return app.Form().Class("card settings-form").ID("restore-form").Method("post").OnSubmit(p.onRestore).Body(
		app.Dl().Class("facts").Body(
			fact(p.t("col.name"), app.Code().ID("restore-name").Text(e.Name)),
			fact(p.t("col.date"), timeUI(p.lang, e.Created)),
			fact(p.t("col.storage"), app.Text(storageName(&p.frame, e.storage()))),
			fact(p.t("col.signature"), signatureCell(&p.frame, e.Signature)),
		),
		p.trustBox(e),
		p.passwordUI(e),
		p.whatUI(e), p.whereUI(), p.existingUI(), p.safetyUI(),
		p.optionUI(option{id: "restore-overwrite", label: p.t("restore.overwrite"), help: p.t("restore.overwrite.help"),
			checked: p.overwrite, onChange: p.toggle(&p.overwrite)}),
		p.recreateBox(),
		why,
		app.Div().Class("form-buttons").Body(check, helpLine("restore-preview", p.t("restore.preview.help"))),
		app.Div().ID("restore-preview-result").Aria("live", "polite").Body(p.previewUI(e, req, reason == "")),
		failure,
	)
}

// submitUI is Restore, offered once the preview of the request shown is there.
func (p *restorePage) submitUI() app.UI {
	b := app.Button().Type("submit").ID("restore-submit").Class("btn btn-primary").Body(icon("archive"), app.Span().Text(p.t("restore.submit")))
	if p.start.Status == loading {
		b = b.Disabled(true).Aria("busy", "true")
	}
	return app.Div().Class("form-buttons").Body(b)
}

// trustBox asks the administrator to confirm the key of another host, named by its fingerprint.
func (p *restorePage) trustBox(e backupEntry) app.UI {
	if e.Signature.Signer != "other" || !p.isAdmin() {
		return nil
	}
	return app.Div().Class("alert cert").ID("restore-trust-box").Role("alert").Body(
		app.P().Body(icon("alert"), app.Span().Text(p.t("restore.other.text"))),
		app.P().Body(app.Code().Class("mono fingerprint").ID("restore-fingerprint").Text(e.Signature.Fingerprint)),
		p.optionUI(option{id: "restore-trust", label: p.t("restore.other.confirm", e.Signature.Fingerprint),
			help: p.t("restore.other.help"), checked: p.trust, onChange: p.toggle(&p.trust)}),
	)
}

// recreateBox lets the administrator have the subscriptions this host lacks recreated.
func (p *restorePage) recreateBox() app.UI {
	if !p.isAdmin() {
		return nil
	}
	var nested []app.UI
	if p.recreate {
		nested = []app.UI{app.Div().Class("field").Body(
			app.Label().For("restore-root-base").Text(p.t("restore.rootBase")),
			helpLine("restore-root-base", p.t("restore.rootBase.help")),
			inputValue(app.Input().Type("text").ID("restore-root-base").Spellcheck(false).Attr("autocapitalize", "none").
				Aria("describedby", "restore-root-base-help").OnInput(func(ctx app.Context, e app.Event) { p.rootBase = valueOf(ctx) }), p.rootBase),
		)}
	}
	return p.optionUI(option{id: "restore-recreate", label: p.t("restore.recreate"), help: p.t("restore.recreate.help"),
		checked: p.recreate, onChange: p.toggle(&p.recreate), nested: nested})
}

func (p *restorePage) toggle(b *bool) app.EventHandler {
	return func(ctx app.Context, e app.Event) { *b = ctx.JSSrc().Get("checked").Bool() }
}
