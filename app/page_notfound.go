package app

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// noSuchClient is a Customer Panel whose client does not exist (or that this user may not
// see): it says so, without a banner that would claim to manage it.
func (c *customerBase) noSuchClient() app.UI {
	back := app.A().Class("btn btn-primary").Href("/clients").Body(icon("back"), app.Span().Text(c.t("banner.back")))
	if !c.isAdmin() {
		back = app.A().Class("btn btn-primary").Href("/").Text(c.t("notFound.home"))
	}
	label, nav := c.homeNav("clients")
	return c.shell(page{
		title: c.t("noClient.title"), navLabel: label, nav: nav,
		body: []app.UI{app.Div().Class("empty").ID("no-such-client").Body(
			icon("alert"),
			app.P().Text(c.t("noClient.text", c.login)),
			app.Div().Class("actions").Body(back),
		)},
	})
}

// notFoundPage is the panel's page for an address it does not have, in its language.
type notFoundPage struct {
	app.Compo
	frame
}

func (p *notFoundPage) OnNav(ctx app.Context) { p.frame.nav(ctx, "notFound.title") }

func (p *notFoundPage) Render() app.UI {
	label, nav := p.homeNav("")
	return p.shell(page{
		title: p.t("notFound.title"), navLabel: label, nav: nav,
		body: []app.UI{app.Div().Class("empty").ID("not-found").Body(
			icon("alert"),
			app.P().Text(p.t("notFound.text")),
			app.Div().Class("actions").Body(app.A().Class("btn btn-primary").Href("/").Text(p.t("notFound.home"))),
		)},
	})
}

// RouteNotFound registers the panel's page for every address no other route takes. main calls
// it after Routes, so that it is tried last.
func RouteNotFound() {
	app.RouteWithRegexpFunc(`^/`, func() app.Composer { return &notFoundPage{} })
}

// homeNav is the side navigation of the user's own pages, for a page that belongs to none:
// the administrator's, or the client's Customer Panel.
func (f *frame) homeNav(current string) (string, []navLink) {
	switch {
	case f.isAdmin():
		return f.t("nav.admin"), f.adminNav(current)
	case f.me.Status == loaded && f.me.Data.Client != "":
		return f.t("nav.customer"), f.customerNav(f.me.Data.Client, current)
	}
	return "", nil
}
