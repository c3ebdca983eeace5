package app

import (
	"strconv"
	"strings"

	"coffre/engine/account"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// customerBase is what the Customer Panel's pages share: the frame and the account of the client
// named in "/customer/{login}/...".
type customerBase struct {
	frame
	accountFollower
}

func (c *customerBase) navCustomer(ctx app.Context, titleKey string) {
	c.frame.nav(ctx, titleKey)
	c.follow(ctx, pathLogin(ctx.Page().URL().Path, "/customer/"))
}

// OnPreRender reads the client from the address on the server, so that the pre-rendered page
// links right.
func (c *customerBase) OnPreRender(ctx app.Context) {
	if login := pathLogin(ctx.Page().URL().Path, "/customer/"); login != "" {
		c.login = login
	}
}

// render frames the page: while the account loads or after it failed, the body says so.
func (c *customerBase) render(current, titleKey string, body func(account.Account) []app.UI) app.UI {
	return c.renderTitled(current, c.t(titleKey), body)
}

// renderTitled is render with a title that is not a message key.
func (c *customerBase) renderTitled(current, title string, body func(account.Account) []app.UI) app.UI {
	if c.acct.Status == failed && c.acct.Err != nil && c.acct.Err.HTTPStatus == 404 {
		return c.noSuchClient()
	}
	var content []app.UI
	if w := c.pending(c.acct.Status, c.acct.Err, c.onRetry); w != nil {
		content = []app.UI{w}
	} else {
		content = body(c.acct.Data)
	}
	return c.customerPage(c.acct.Data, c.login, current, title, content...)
}

// websitesPage is Websites & Domains, the Customer Panel's start: the client's subscriptions
// with their domains, and the way to the Backup Manager.
type websitesPage struct {
	app.Compo
	customerBase
	editing *dbEdit // the database the administrator edits, nil when none
	isNew   bool
	port    string // as typed
	dbSave  remote[dbEdit]
	watched bool
}

func (p *websitesPage) OnNav(ctx app.Context) {
	p.navCustomer(ctx, "nav.websites")
	if !app.IsServer && !p.watched {
		p.watched = true
		ctx.ObserveState(stateDatabaseSave).OnChange(p.savedDatabase).Value(&p.dbSave)
	}
}

func (p *websitesPage) Render() app.UI {
	return p.render("websites", "nav.websites", func(a account.Account) []app.UI {
		return []app.UI{p.tools(), p.subscriptionList(a)}
	})
}

// tools are the page's shortcuts: the Backup Manager, as in step 4 of docs/panel-flow.md.
func (p *websitesPage) tools() app.UI {
	return app.Div().Class("tools").Body(
		app.A().Class("tool").ID("backup-manager-link").Href(customerPath(p.login, "/backups")).Body(
			icon("archive"),
			app.Span().Class("tool-text").Body(
				app.Strong().Text(p.t("nav.backups")),
				app.Span().Class("muted").Text(p.t("websites.backupHelp")),
			),
		),
	)
}

func (p *websitesPage) subscriptionList(a account.Account) app.UI {
	if len(a.Subscriptions) == 0 {
		return emptyState("globe", p.t("nav.websites"), p.t("websites.empty"))
	}
	cards := make([]app.UI, len(a.Subscriptions))
	for i, s := range a.Subscriptions {
		cards[i] = p.subscriptionCard(a, s)
	}
	return app.Div().Class("cards").Body(cards...)
}

func (p *websitesPage) subscriptionCard(a account.Account, s account.Subscription) app.UI {
	var domains []app.UI
	for _, d := range a.Domains {
		if d.Subscription != s.Domain {
			continue
		}
		var aliases app.UI
		if len(d.Aliases) > 0 {
			aliases = app.Span().Class("muted").Text(p.t("websites.aliases", strings.Join(d.Aliases, ", ")))
		}
		domains = append(domains, app.Li().Body(
			icon("globe"), app.Span().Class("domain-name").Text(d.Name), app.Code().Text(d.DocRoot), aliases,
		))
	}
	return app.Section().Class("card subscription").Aria("labelledby", "sub-"+s.Domain).Body(
		app.H2().ID("sub-"+s.Domain).Text(s.Domain),
		app.P().Class("muted").Body(app.Code().Text(s.Root)),
		app.Ul().Class("domain-list").Body(domains...),
		app.P().Class("counts").Body(
			app.Span().Text(p.t("websites.mailboxes", strconv.Itoa(countMailboxes(a, s.Domain)))),
			app.Span().Text(p.t("websites.databases", strconv.Itoa(countDatabases(a, s.Domain)))),
		),
		p.databaseList(a, s.Domain),
	)
}

func countMailboxes(a account.Account, sub string) int {
	n := 0
	for _, m := range a.Mailboxes {
		if m.Subscription == sub {
			n++
		}
	}
	return n
}

func countDatabases(a account.Account, sub string) int {
	n := 0
	for _, d := range a.Databases {
		if d.Subscription == sub {
			n++
		}
	}
	return n
}
