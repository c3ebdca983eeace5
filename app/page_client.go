package app

import (
	"net/url"
	"strconv"

	"coffre/engine/account"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// clientPage is one client for the administrator (steps 2 and 3 of docs/panel-flow.md): its details and
// rights, and the Domains and Subscriptions tabs whose rows end with the menu that opens the
// Customer Panel. "?tab=subscriptions" picks the second tab.
type clientPage struct {
	app.Compo
	frame
	accountFollower
	clientPassword
	hostingForms
	tab string
}

func (p *clientPage) OnNav(ctx app.Context) {
	p.adminOnly = true
	p.frame.nav(ctx, "nav.clients")
	u := ctx.Page().URL()
	p.tab = u.Query().Get("tab")
	p.follow(ctx, pathLogin(u.Path, "/clients/"))
	p.watchPassword(ctx, p.login)
	p.watchHosting(ctx, p.login)
}

// OnPreRender reads the client and the tab from the address on the server, so that the
// pre-rendered page links right.
func (p *clientPage) OnPreRender(ctx app.Context) {
	u := ctx.Page().URL()
	if login := pathLogin(u.Path, "/clients/"); login != "" {
		p.login, p.tab = login, u.Query().Get("tab")
	}
}

func (p *clientPage) Render() app.UI {
	title := p.t("nav.clients")
	body := p.pending(p.acct.Status, p.acct.Err, p.onRetry)
	if body == nil {
		a := p.acct.Data
		title = orLogin(a.Client.Name, a.Client.Login)
		body = app.Div().Body(p.details(a.Client), p.tabs(), p.delForm.outcome(&p.frame, ""), p.tabPanel(a), p.passwordForm())
	}
	return p.shell(page{title: title, navLabel: p.t("nav.admin"), nav: p.adminNav("clients"), body: []app.UI{body}})
}

func (p *clientPage) details(c account.Client) app.UI {
	r := c.Rights
	return app.Div().Class("details").Body(
		app.Dl().Class("facts").Body(
			fact(p.t("col.company"), orDash(c.Company)),
			fact(p.t("col.login"), app.Code().Text(c.Login)),
			fact(p.t("client.email"), breakable(c.Email)),
			fact(p.t("client.lang"), app.Text(tr(c.Lang, "lang."+c.Lang))),
		),
		p.editLink(),
		app.Div().Class("rights").Body(
			app.H2().Class("h-small").Text(p.t("client.rights")),
			app.Ul().Class("right-list").Body(
				p.right("right.serverStorage", r.ServerStorage), p.right("right.ftpStorage", r.FTPStorage),
				p.right("right.accountBackup", r.AccountBackup), p.right("right.restore", r.Restore),
			),
		),
	)
}

func (p *clientPage) right(key string, on bool) app.UI {
	state, class := p.t("right.notAllowed"), "right off"
	if on {
		state, class = p.t("right.allowed"), "right on"
	}
	return app.Li().Class(class).Body(app.Span().Text(p.t(key)), app.Span().Class("right-state").Text(state))
}

// tabs are links, so each tab has an address; the current one is marked for screen readers.
func (p *clientPage) tabs() app.UI {
	base := "/clients/" + url.PathEscape(p.login)
	tab := func(href, key string, current bool) app.UI {
		a := app.A().Class("tab").Href(href).Text(p.t(key))
		if current {
			a = a.Aria("current", "page")
		}
		return a
	}
	subs, boxes := p.tab == "subscriptions", p.tab == "mailboxes"
	return app.Nav().Class("tabs").Aria("label", p.t("client.tabs")).Body(
		tab(base, "tab.domains", !subs && !boxes),
		tab(base+"?tab=subscriptions", "tab.subscriptions", subs),
		tab(base+"?tab=mailboxes", "tab.mailboxes", boxes),
	)
}

func (p *clientPage) tabPanel(a account.Account) app.UI {
	switch p.tab {
	case "subscriptions":
		return app.Div().Body(p.subscriptions(a), p.subscriptionForm())
	case "mailboxes":
		return app.Div().Body(p.mailboxes(a), p.mailboxForm())
	}
	return app.Div().Body(p.domains(a), p.domainForm())
}

func (p *clientPage) domains(a account.Account) app.UI {
	if len(a.Domains) == 0 {
		return app.P().Class("empty-line").Text(p.t("domains.empty"))
	}
	cols := []column{{label: p.t("col.domain"), class: "primary"}, {label: p.t("col.subscription")},
		{label: p.t("col.docroot")}, {label: p.t("col.actions"), class: "actions"}}
	rows := make([][]app.UI, len(a.Domains))
	for i, d := range a.Domains {
		confirm := p.t("domain.delete.confirm", d.Name)
		if d.Name == d.Subscription {
			confirm = "" // the main domain goes with its subscription
		}
		rows[i] = []app.UI{app.Text(d.Name), app.Text(d.Subscription), app.Code().Text(d.DocRoot),
			p.hostingActions(d.Name, confirm, "/domains/"+url.PathEscape(d.Name))}
	}
	return table(p.t("tab.domains"), cols, rows)
}

func (p *clientPage) subscriptions(a account.Account) app.UI {
	if len(a.Subscriptions) == 0 {
		return app.P().Class("empty-line").Text(p.t("subscriptions.empty"))
	}
	cols := []column{{label: p.t("col.subscription"), class: "primary"}, {label: p.t("col.root")},
		{label: p.t("col.user")}, {label: p.t("col.domains"), class: "num"}, {label: p.t("col.actions"), class: "actions"}}
	rows := make([][]app.UI, len(a.Subscriptions))
	for i, s := range a.Subscriptions {
		rows[i] = []app.UI{app.Text(s.Domain), app.Code().Text(s.Root), app.Text(s.User),
			app.Text(strconv.Itoa(domainCount(a, s.Domain))),
			p.hostingActions(s.Domain, p.t("sub.delete.confirm", s.Domain), "/subscriptions/"+url.PathEscape(s.Domain))}
	}
	return table(p.t("tab.subscriptions"), cols, rows)
}

// manageMenu is the right-most icon of a row and its menu: Manage in Customer Panel.
func (p *clientPage) manageMenu(name string) app.UI {
	return &rowMenu{Label: p.t("menu.actionsFor", name), Items: []menuItem{{Href: customerPath(p.login, ""), Text: p.t("manage")}}}
}

// domainCount is how many of the account's domains a subscription serves.
func domainCount(a account.Account, subscription string) int {
	n := 0
	for _, d := range a.Domains {
		if d.Subscription == subscription {
			n++
		}
	}
	return n
}
