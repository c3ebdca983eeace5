package app

import (
	"coffre/engine/account"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// navLink is one entry of the side navigation.
type navLink struct {
	href, icon, label string
	current           bool
}

// page is what a page puts in the frame: its title, its navigation, and the banner of the
// Customer Panel when the administrator manages a client.
type page struct {
	title    string
	navLabel string
	nav      []navLink
	banner   app.UI
	body     []app.UI
}

// shell renders the top bar, the banner, the side navigation and the page's main content.
func (f *frame) shell(p page) app.UI {
	return app.Div().Class("app").Body(
		app.A().Class("skip").Href("#main").Text(f.t("skip")),
		f.topBar(),
		p.banner,
		app.Div().Class("layout").Body(
			f.sideNav(p.navLabel, p.nav),
			app.Main().ID("main").Class("content").Body(
				app.H1().Text(p.title),
				app.Div().Body(p.body...),
			),
		),
	)
}

// topBar: the name, the language switch, the user and Log out.
func (f *frame) topBar() app.UI {
	var user app.UI
	if f.me.Status == loaded {
		user = app.Div().Class("session").Body(
			app.Span().Class("user").Title(f.t("user.label", f.me.Data.Login)).Body(
				icon("user"), app.Span().Class("user-name").Text(f.me.Data.Login),
			),
			app.A().Class("btn btn-quiet own-password").ID("own-password-link").Href(passwordPath).Title(f.t("password.own.link")).Body(
				icon("key"), app.Span().Text(f.t("password.own.link")),
			),
			app.Button().Type("button").Class("btn btn-quiet logout").Title(f.t("logout")).OnClick(f.onLogout).Body(
				icon("logout"), app.Span().Text(f.t("logout")),
			),
		)
	}
	return app.Header().Class("topbar").Body(
		app.A().Class("brand").Href("/").Body(icon("logo"), app.Span().Text(f.t("app.name"))),
		app.Div().Class("topbar-end").Body(f.langSwitch(), user),
	)
}

func (f *frame) langSwitch() app.UI {
	button := func(lang, short string) app.UI {
		return app.Button().Type("button").Class("lang").Value(lang).Lang(lang).
			Title(tr(lang, "lang."+lang)).Aria("pressed", f.lang == lang || (f.lang == "" && lang == langEN)).
			OnClick(f.onLang).Text(short)
	}
	return app.Div().Class("langs").Role("group").Aria("label", f.t("lang.label")).Body(
		button(langEN, "EN"), button(langFR, "FR"),
	)
}

// sideNav is a column on a desktop and a compact bar on a phone (coffre.css).
func (f *frame) sideNav(label string, links []navLink) app.UI {
	if len(links) == 0 {
		return nil
	}
	items := make([]app.UI, len(links))
	for i, l := range links {
		a := app.A().Href(l.href).Body(icon(l.icon), app.Span().Text(l.label))
		if l.current {
			a = a.Aria("current", "page")
		}
		items[i] = app.Li().Body(a)
	}
	return app.Nav().Class("sidenav").Aria("label", label).Body(app.Ul().Body(items...))
}

// adminNav is the administrator's navigation.
func (f *frame) adminNav(current string) []navLink {
	return []navLink{
		{href: "/clients", icon: "clients", label: f.t("nav.clients"), current: current == "clients"},
		{href: "/tasks", icon: "tasks", label: f.t("nav.tasks"), current: current == "tasks"},
		{href: "/schedules", icon: "clock", label: f.t("nav.schedules"), current: current == "schedules"},
		{href: "/settings", icon: "settings", label: f.t("nav.settings"), current: current == "settings"},
	}
}

// customerNav is the Customer Panel's navigation for login.
func (f *frame) customerNav(login, current string) []navLink {
	return []navLink{
		{href: customerPath(login, ""), icon: "globe", label: f.t("nav.websites"), current: current == "websites"},
		{href: customerPath(login, "/account"), icon: "account", label: f.t("nav.account"), current: current == "account"},
		{href: customerPath(login, "/backups"), icon: "archive", label: f.t("nav.backups"), current: current == "backups"},
	}
}

// customerPage frames a page of the Customer Panel; the administrator also gets the banner.
func (f *frame) customerPage(a account.Account, login, current, title string, body ...app.UI) app.UI {
	p := page{title: title, navLabel: f.t("nav.customer"), nav: f.customerNav(login, current), body: body}
	if f.isAdmin() {
		p.banner = f.banner(a.Client, login)
	}
	return f.shell(p)
}

// banner says whose Customer Panel the administrator is in and leads back to Clients.
func (f *frame) banner(c account.Client, login string) app.UI {
	who := login
	if c.Login != "" {
		who = clientTitle(c) + " (" + c.Login + ")"
	}
	return app.Div().Class("banner").Role("region").Aria("label", f.t("nav.customer")).Body(
		app.P().Body(icon("info"), app.Span().Text(f.t("banner.managing", who))),
		app.A().Class("banner-back").Href("/clients").Body(icon("back"), app.Span().Text(f.t("banner.back"))),
	)
}

// clientTitle is how the panel names a client: its company, else its name.
func clientTitle(c account.Client) string {
	if c.Company != "" {
		return c.Company
	}
	if c.Name != "" {
		return c.Name
	}
	return c.Login
}
