package app

import (
	"strconv"

	"coffre/engine/account"
	"coffre/engine/pattern"
	"coffre/engine/spec"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// The Back Up form's questions, in the order of step 6 (docs/panel-flow.md).

// dataQuestion: configuration only, or configuration and content with mail and user files.
func (p *backupPage) dataQuestion(c formCheck) app.UI {
	f := p.form
	contentOff := f.contentReason()
	return fieldset("data", p.t("form.data"), p.t("form.data.help"),
		p.optionUI(option{id: "data-config", radio: "data", value: "config", label: p.t("form.configOnly"),
			help: p.t("form.configOnly.help"), reason: f.configOnlyReason(), checked: f.ConfigOnly, onChange: p.onData}),
		p.optionUI(option{id: "data-content", radio: "data", value: "content", label: p.t("form.content"),
			help: p.t("form.content.help"), checked: !f.ConfigOnly, onChange: p.onData, nested: []app.UI{
				p.optionUI(option{id: "data-mail", label: p.t("form.mail"), help: p.t("form.mail.help"), reason: contentOff,
					checked: f.Mail, onChange: p.setBool(&p.form.Mail)}),
				p.optionUI(option{id: "data-files", label: p.t("form.files"), help: p.t("form.files.help"), reason: contentOff,
					checked: f.Files, onChange: p.setBool(&p.form.Files)}),
			}}),
		p.fieldErrors("data", c.fields["configOnly"]),
	)
}

// storageQuestion: the server storage or the personal FTP storage, each greyed with the reason
// when the client's rights or settings forbid it.
func (p *backupPage) storageQuestion(a account.Account, storage string, c formCheck) app.UI {
	return fieldset("storage", p.t("form.storage"), p.t("form.storage.help"),
		p.optionUI(option{id: "storage-server", radio: "storage", value: spec.StorageServer, label: p.t("right.serverStorage"),
			help: p.t("form.storage.server.help"), reason: storageReason(a, p.scope, spec.StorageServer),
			checked: storage == spec.StorageServer, onChange: p.onStorage}),
		p.optionUI(option{id: "storage-ftp", radio: "storage", value: spec.StorageFTP, label: p.t("right.ftpStorage"),
			help: p.t("form.storage.ftp.help"), reason: storageReason(a, p.scope, spec.StorageFTP),
			checked: storage == spec.StorageFTP, onChange: p.onStorage}),
		p.fieldErrors("storage", c.fields["storage"]),
		p.fieldErrors("scope", c.fields["scope"]),
	)
}

// typeQuestion: Full or Incremental, with Plesk's explanation and, from the backups list,
// what an incremental backup would follow (or that the first one is full).
func (p *backupPage) typeQuestion(req spec.Backup, c formCheck) app.UI {
	f := p.form
	return fieldset("type", p.t("form.type"), "",
		p.optionUI(option{id: "type-full", radio: "type", value: "full", label: p.t("form.full"), help: p.t("form.full.help"),
			checked: !f.Incremental, onChange: p.onType}),
		p.optionUI(option{id: "type-incremental", radio: "type", value: "incremental", label: p.t("form.incremental"),
			help: p.t("form.incremental.help"), reason: f.incrementalReason(), checked: f.Incremental, onChange: p.onType,
			nested: []app.UI{p.chainNote(req)}}),
		p.fieldErrors("type", c.fields["incremental"]),
	)
}

// chainNote says which backup an incremental one would follow, or that the first is full.
func (p *backupPage) chainNote(req spec.Backup) app.UI {
	if p.backups.Status != loaded {
		return nil
	}
	if parent, ok := hasParent(p.backups.Data, req); ok {
		return app.P().Class("note").ID("chain-note").Text(p.t("form.parent", formatTime(p.lang, parent.Created)))
	}
	return app.P().Class("note").ID("chain-note").Body(icon("info"), app.Span().Text(p.t("form.firstFull")))
}

// splitQuestion: split into volumes of N MB, in either storage (as the CLI and the API do).
func (p *backupPage) splitQuestion(c formCheck) app.UI {
	f := p.form
	size := inputValue(app.Input().Type("number").ID("split-mb").Class("input-short").Attr("min", 1).Attr("max", spec.MaxSplitMB).
		Attr("inputmode", "numeric").OnInput(p.setText(&p.form.SplitMB)), f.SplitMB)
	if !f.Split {
		size = size.Disabled(true)
	}
	if len(c.fields["splitMB"]) > 0 {
		size = size.Aria("invalid", "true").Aria("describedby", "split-error")
	}
	return fieldset("volumes", p.t("form.split.legend"), "",
		p.optionUI(option{id: "split", label: p.t("form.split"), help: p.t("form.split.help"),
			checked: f.Split, onChange: p.setBool(&p.form.Split), nested: []app.UI{
				app.Div().Class("field inline").Body(app.Label().For("split-mb").Text(p.t("form.split.size")), size),
			}}),
		p.fieldErrors("split", c.fields["splitMB"]),
	)
}

func (p *backupPage) commentQuestion(c formCheck) app.UI {
	area := areaText(app.Textarea().ID("comment").Rows(2).Attr("maxlength", spec.MaxCommentLen).
		Aria("describedby", "comment-help").OnInput(p.setText(&p.form.Comment)), p.form.Comment)
	if len(c.fields["comment"]) > 0 {
		area = area.Aria("invalid", "true").Aria("describedby", "comment-help comment-error")
	}
	return app.Div().Class("question field").Body(
		app.Label().For("comment").Text(p.t("form.comment")),
		helpLine("comment", p.t("form.comment.help")),
		area,
		p.fieldErrors("comment", c.fields["comment"]),
	)
}

func (p *backupPage) excludeLogsQuestion(c formCheck) app.UI {
	return app.Div().Class("question").Body(
		p.optionUI(option{id: "exclude-logs", label: p.t("form.excludeLogs"), help: p.t("form.excludeLogs.help"),
			reason: p.form.excludeReason(), checked: p.form.ExcludeLogs, onChange: p.setBool(&p.form.ExcludeLogs)}),
		p.fieldErrors("exclude-logs", c.fields["excludeLogs"]),
	)
}

// notifyQuestion: email the given address when the task ends.
func (p *backupPage) notifyQuestion(c formCheck) app.UI {
	// A type="email" field trims and checks what is typed itself: the value is set only when the
	// page proposes one (notifyShown), never echoed back while the user types.
	addr := app.Input().Type("email").Attr("autocapitalize", "none").ID("notify").Attr("autocomplete", "email").Spellcheck(false).
		OnInput(p.setText(&p.form.Notify)).Value(p.notifyShown)
	if !p.form.NotifyOn {
		addr = addr.Disabled(true)
	}
	if len(c.fields["notify"]) > 0 {
		addr = addr.Aria("invalid", "true").Aria("describedby", "notify-error")
	}
	if email := p.acct.Data.Client.Email; email != "" {
		addr = addr.Placeholder(email)
	}
	reason := p.notifyReason()
	if reason != "" {
		addr = addr.Disabled(true)
	}
	return app.Div().Class("question").Body(
		p.optionUI(option{id: "notify-on", label: p.t("form.notify"), help: p.t("form.notify.help"), reason: reason,
			checked: p.form.NotifyOn && reason == "", onChange: p.onNotify, nested: []app.UI{
				app.Div().Class("field").Body(app.Label().For("notify").Text(p.t("form.notify.address")), addr),
			}}),
		p.notifySetUp(),
		p.fieldErrors("notify", c.fields["notify"]),
	)
}

// patternList marks each wrong pattern with its reason, in the order they were typed.
func (p *backupPage) patternList(text string, c formCheck) app.UI {
	entries := pattern.Split(text)
	var items []app.UI
	for _, e := range c.patternErrors(-1) {
		items = append(items, app.Li().Body(app.Span().Text(problemText(p.lang, account.Problem{Code: e.Code, Args: e.Args}))))
	}
	for i, entry := range entries {
		for _, e := range c.patternErrors(i) {
			items = append(items, app.Li().DataSet("index", i).Body(
				app.Span().Class("pattern-where").Text(p.t("form.exclude.bad", strconv.Itoa(i+1))+" "),
				app.Code().Text(entry),
				app.Span().Text(" — "+problemText(p.lang, account.Problem{Code: e.Code, Args: e.Args})),
			))
		}
	}
	var status app.UI = app.P().Class("pattern-ok").Text(p.t("form.exclude.ok", strconv.Itoa(len(entries))))
	if len(items) > 0 {
		status = app.Ul().Class("pattern-errors field-error").Body(items...)
	} else if len(entries) == 0 {
		status = nil
	}
	return app.Div().ID("exclude-check").Aria("live", "polite").Body(status)
}
