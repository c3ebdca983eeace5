package app

import (
	"net/url"
	"strconv"

	"coffre/engine/account"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// clientsPage is the administrator's list of clients (step 1 of docs/panel-flow.md).
type clientsPage struct {
	app.Compo
	frame
	clients remote[[]account.ClientSummary]
	watched bool
	listSearch
}

func (p *clientsPage) OnNav(ctx app.Context) {
	p.adminOnly = true
	p.frame.nav(ctx, "clients.title")
	if app.IsServer {
		return
	}
	if !p.watched {
		p.watched = true
		ctx.ObserveState(stateClients).OnChange(p.arrived).Value(&p.clients)
	}
	ctx.NewActionWithValue(actionLoadClients, p.query)
}

func (p *clientsPage) onRetry(ctx app.Context, e app.Event) {
	ctx.NewActionWithValue(actionLoadClients, p.query)
}

// show asks for the page q of the list.
func (p *clientsPage) show(ctx app.Context, q listQuery) {
	ctx.NewActionWithValue(actionLoadClients, q)
}

func (p *clientsPage) Render() app.UI {
	body := p.pending(p.clients.Status, p.clients.Err, p.onRetry)
	var pager app.UI
	if body == nil {
		rows, more := pageOf(p.clients.Data)
		body, pager = p.clientsTable(rows), p.pager(&p.frame, "clients", len(rows), more, p.show)
	}
	bar := app.Div().Class("list-bar").Body(
		p.searchForm(&p.frame, "clients", p.t("clients.search"), p.show),
		app.A().Class("btn btn-primary").ID("client-add").Href(newClientPath).Text(p.t("client.add")),
	)
	return p.shell(page{
		title: p.t("clients.title"), navLabel: p.t("nav.admin"), nav: p.adminNav("clients"),
		body: []app.UI{bar, body, pager},
	})
}

func (p *clientsPage) clientsTable(clients []account.ClientSummary) app.UI {
	if len(clients) == 0 && p.shown.Q != "" {
		return app.P().Class("empty-line").ID("clients-none").Text(p.t("clients.noMatch", p.shown.Q))
	}
	if len(clients) == 0 {
		return emptyState("clients", p.t("clients.title"), p.t("clients.empty"))
	}
	cols := []column{
		{label: p.t("col.name"), class: "primary"}, {label: p.t("col.company")}, {label: p.t("col.login")},
		{label: p.t("col.subscriptions"), class: "num"}, {label: p.t("col.domains"), class: "num"},
		{label: p.t("col.lastBackup")},
	}
	rows := make([][]app.UI, len(clients))
	for i, c := range clients {
		rows[i] = []app.UI{
			app.A().Class("client-link").Href("/clients/" + url.PathEscape(c.Login)).Text(orLogin(c.Name, c.Login)),
			app.Text(c.Company),
			app.Code().Text(c.Login),
			app.Text(strconv.Itoa(c.Subscriptions)),
			app.Text(strconv.Itoa(c.Domains)),
			p.lastBackup(c),
		}
	}
	return table(p.t("clients.title"), cols, rows)
}

func (p *clientsPage) lastBackup(c account.ClientSummary) app.UI {
	if c.LastBackup == nil || c.LastBackup.IsZero() {
		return app.Span().Class("muted").Text(p.t("never"))
	}
	return app.Time().DateTime(c.LastBackup.UTC().Format("2006-01-02T15:04:05Z")).Text(formatTime(p.lang, *c.LastBackup))
}

// orLogin is name, or the login when the client has no name.
func orLogin(name, login string) string {
	if name == "" {
		return login
	}
	return name
}
