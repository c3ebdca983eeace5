package app

import (
	"net/url"
	"strings"

	"coffre/engine/account"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// hostingForms are the administrator's forms on a client's page: add a subscription, a domain,
// a mailbox; and the outcome of the rows' Delete buttons.
type hostingForms struct {
	subForm, domForm, boxForm, delForm adminForm
	sub                                subscriptionRequest
	logs                               string // the log directories, separated by commas
	dom                                account.Domain
	box                                account.Mailbox
}

// subscriptionRequest is the API's subscription form.
type subscriptionRequest struct {
	Domain  string   `json:"domain"`
	Root    string   `json:"root"`
	User    string   `json:"user,omitempty"`
	Logs    []string `json:"logs,omitempty"`
	DocRoot string   `json:"docroot,omitempty"`
}

// watchHosting observes the forms' outcomes for login; a success empties its form.
func (p *clientPage) watchHosting(ctx app.Context, login string) {
	p.subForm.watch(ctx, "sub/"+login, func() { p.sub, p.logs = subscriptionRequest{}, "" })
	p.domForm.watch(ctx, "domain/"+login, func() { p.dom = account.Domain{} })
	p.boxForm.watch(ctx, "mailbox/"+login, func() { p.box = account.Mailbox{} })
	p.delForm.watch(ctx, "delete/"+login)
}

func (p *clientPage) onAddSubscription(ctx app.Context, e app.Event) {
	e.PreventDefault()
	req := p.sub
	req.Domain, req.Root = strings.TrimSpace(req.Domain), strings.TrimSpace(req.Root)
	for _, l := range strings.Split(p.logs, ",") {
		if l = strings.TrimSpace(l); l != "" {
			req.Logs = append(req.Logs, l)
		}
	}
	p.post(ctx, p.subForm.key, "/subscriptions", req)
}

func (p *clientPage) onAddDomain(ctx app.Context, e app.Event) {
	e.PreventDefault()
	d := p.dom
	if d.Subscription == "" && len(p.acct.Data.Subscriptions) > 0 {
		d.Subscription = p.acct.Data.Subscriptions[0].Domain
	}
	d.Name = strings.TrimSpace(d.Name)
	p.post(ctx, p.domForm.key, "/domains", d)
}

func (p *clientPage) onAddMailbox(ctx app.Context, e app.Event) {
	e.PreventDefault()
	m := p.box
	if m.Subscription == "" && len(p.acct.Data.Subscriptions) > 0 {
		m.Subscription = p.acct.Data.Subscriptions[0].Domain
	}
	m.Address, m.Maildir = strings.TrimSpace(m.Address), strings.TrimSpace(m.Maildir)
	p.post(ctx, p.boxForm.key, "/mailboxes", m)
}

func (p *clientPage) post(ctx app.Context, key, sub string, body any) {
	ctx.NewActionWithValue(actionAdmin, adminOp{Key: key, Method: "POST", Path: clientPath(p.login) + sub, Body: body, Reload: p.login})
}

// addButton is a form's submit button.
func (p *clientPage) addButton(id string, f *adminForm) app.UI {
	return app.Div().Class("form-buttons").Body(
		app.Button().Type("submit").ID(id).Class("btn btn-primary").Disabled(f.busy()).Text(p.t("admin.add")))
}

func (p *clientPage) subscriptionForm() app.UI {
	f, a := &p.frame, &p.subForm
	return app.Form().Class("card add-form").ID("sub-form").Method("post").OnSubmit(p.onAddSubscription).
		Aria("labelledby", "sub-form-title").Body(
		app.H2().ID("sub-form-title").Class("h-small").Text(p.t("sub.add")),
		app.Div().Class("field-row").Body(
			a.field(f, "sub-domain", "domain", p.t("col.subscription"), p.t("sub.domain.help"), text(&p.sub.Domain, "text").Required(true)),
			a.field(f, "sub-root", "root", p.t("col.root"), p.t("sub.root.help"), text(&p.sub.Root, "text").Required(true)),
		),
		app.Div().Class("field-row").Body(
			a.field(f, "sub-user", "user", p.t("col.user"), p.t("sub.user.help"), text(&p.sub.User, "text")),
			a.field(f, "sub-docroot", "docroot", p.t("col.docroot"), p.t("sub.docroot.help"), text(&p.sub.DocRoot, "text").Placeholder("httpdocs")),
		),
		a.field(f, "sub-logs", "logs", p.t("sub.logs"), p.t("sub.logs.help"), text(&p.logs, "text")),
		a.outcome(f, "admin.added"), p.addButton("sub-add", a),
	)
}

// subscriptionChoice picks which subscription a new domain or mailbox belongs to.
func (p *clientPage) subscriptionChoice(id string, dst *string) app.UI {
	opts := []app.UI{}
	for i, s := range p.acct.Data.Subscriptions {
		opts = append(opts, app.Option().Value(s.Domain).Selected(*dst == s.Domain || *dst == "" && i == 0).Text(s.Domain))
	}
	return app.Div().Class("field").Body(
		app.Label().For(id).Text(p.t("col.subscription")),
		app.Select().ID(id).OnChange(func(ctx app.Context, e app.Event) { *dst = valueOf(ctx) }).Body(opts...),
	)
}

func (p *clientPage) domainForm() app.UI {
	if len(p.acct.Data.Subscriptions) == 0 {
		return nil
	}
	f, a := &p.frame, &p.domForm
	return app.Form().Class("card add-form").ID("domain-form").Method("post").OnSubmit(p.onAddDomain).
		Aria("labelledby", "domain-form-title").Body(
		app.H2().ID("domain-form-title").Class("h-small").Text(p.t("domain.add")),
		app.Div().Class("field-row").Body(
			a.field(f, "domain-name", "name", p.t("col.domain"), "", text(&p.dom.Name, "text").Required(true)),
			p.subscriptionChoice("domain-sub", &p.dom.Subscription),
			a.field(f, "domain-docroot", "docroot", p.t("col.docroot"), p.t("sub.docroot.help"), text(&p.dom.DocRoot, "text").Placeholder("httpdocs")),
		),
		a.outcome(f, "admin.added"), p.addButton("domain-add", a),
	)
}

func (p *clientPage) mailboxForm() app.UI {
	if len(p.acct.Data.Subscriptions) == 0 {
		return app.P().Class("muted").Text(p.t("mailbox.needsSub"))
	}
	f, a := &p.frame, &p.boxForm
	return app.Form().Class("card add-form").ID("mailbox-form").Method("post").OnSubmit(p.onAddMailbox).
		Aria("labelledby", "mailbox-form-title").Body(
		app.H2().ID("mailbox-form-title").Class("h-small").Text(p.t("mailbox.add")),
		app.Div().Class("field-row").Body(
			a.field(f, "mailbox-address", "address", p.t("col.address"), "", text(&p.box.Address, "text").Attr("inputmode", "email").Required(true)),
			p.subscriptionChoice("mailbox-sub", &p.box.Subscription),
		),
		a.field(f, "mailbox-maildir", "maildir", p.t("col.maildir"), p.t("mailbox.maildir.help"), text(&p.box.Maildir, "text").Required(true)),
		a.outcome(f, "admin.added"), p.addButton("mailbox-add", a),
	)
}

func (p *clientPage) mailboxes(a account.Account) app.UI {
	if len(a.Mailboxes) == 0 {
		return app.P().Class("empty-line").Text(p.t("mailboxes.empty"))
	}
	cols := []column{{label: p.t("col.address"), class: "primary"}, {label: p.t("col.subscription")},
		{label: p.t("col.maildir")}, {label: p.t("col.actions"), class: "actions"}}
	rows := make([][]app.UI, len(a.Mailboxes))
	for i, m := range a.Mailboxes {
		rows[i] = []app.UI{app.Text(m.Address), app.Text(m.Subscription), app.Code().Text(m.Maildir),
			p.deleteRow("del-box-"+m.Address, p.t("mailbox.delete.confirm", m.Address), "/mailboxes/"+url.PathEscape(m.Address))}
	}
	return table(p.t("tab.mailboxes"), cols, rows)
}

// deleteRow is a row's Delete button; what it says goes is confirm.
func (p *clientPage) deleteRow(id, confirm, sub string) app.UI {
	return &deleteButton{ID: id, Label: p.t("admin.delete"), Confirm: confirm, Yes: p.t("admin.delete.yes"), No: p.t("db.cancel"),
		Op: adminOp{Key: p.delForm.key, Method: "DELETE", Path: clientPath(p.login) + sub, Reload: p.login}}
}

// hostingActions is a row's menu and, for the administrator, its Delete button.
func (p *clientPage) hostingActions(name, confirm, sub string) app.UI {
	del := app.UI(nil)
	if confirm != "" {
		del = p.deleteRow("del-"+name, confirm, sub)
	}
	return app.Div().Class("row-actions").Body(p.manageMenu(name), del)
}

// editLink leads to the client's form.
func (p *clientPage) editLink() app.UI {
	return app.A().Class("btn").ID("client-edit").Href("/clients/" + url.PathEscape(p.login) + "/edit").Text(p.t("client.edit"))
}

// deleteDatabase is the administrator's Delete of a database under Websites & Domains; a
// refusal shows as the databases' save does.
func (p *websitesPage) deleteDatabase(d account.Database) app.UI {
	path := clientPath(p.login) + "/databases/" + url.PathEscape(d.Subscription) + "/" + url.PathEscape(d.Name)
	return &deleteButton{ID: "db-delete-" + d.Subscription + "-" + d.Name, Label: p.t("admin.delete"),
		Confirm: p.t("db.delete.confirm", d.Name), Yes: p.t("admin.delete.yes"), No: p.t("db.cancel"),
		Op: adminOp{Key: "database/delete/" + p.login, Method: "DELETE", Path: path, Reload: p.login}}
}
