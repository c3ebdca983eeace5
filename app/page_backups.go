package app

import (
	"coffre/engine/account"
	"coffre/engine/spec"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// backupsPage is the Backup Manager: the Back Up buttons and the client's backups. Until the
// API lists backups (issue 5) it says plainly that there are none.
type backupsPage struct {
	app.Compo
	customerBase
}

func (p *backupsPage) OnNav(ctx app.Context) { p.navCustomer(ctx, "nav.backups") }

func (p *backupsPage) Render() app.UI {
	return p.render("backups", "nav.backups", func(a account.Account) []app.UI {
		return []app.UI{
			app.Div().Class("toolbar").Body(choiceCards(&p.frame, p.login, backupChoices(a))),
			emptyState("archive", p.t("backups.empty.title"), p.t("backups.empty.text")),
		}
	})
}

// backupPage is where a backup starts ("/customer/{login}/backup?scope=account|websites"): the
// form of the seed's step 6 comes with issue 5; until then it says how to back up on the host.
type backupPage struct {
	app.Compo
	customerBase
	scope spec.Scope
}

func (p *backupPage) OnNav(ctx app.Context) {
	p.scope = spec.Scope(ctx.Page().URL().Query().Get("scope"))
	if p.scope != spec.ScopeWebsites {
		p.scope = spec.ScopeAccount
	}
	p.navCustomer(ctx, "nav.backups")
}

func (p *backupPage) Render() app.UI {
	titleKey := "backup.account"
	if p.scope == spec.ScopeWebsites {
		titleKey = "backup.websites"
	}
	return p.render("backups", titleKey, func(a account.Account) []app.UI {
		c, _ := choiceFor(a, p.scope)
		var what app.UI
		if c.Reason != "" {
			what = choiceAction(&p.frame, p.login, c)
		} else {
			what = app.Div().Class("card").Body(
				app.P().Text(p.t("backupForm.notYet")),
				app.Pre().Class("command").Body(app.Code().Text(backupCommand(p.login, p.scope))),
			)
		}
		return []app.UI{what, app.P().Body(
			app.A().Href(customerPath(p.login, "/backups")).Body(icon("back"), app.Span().Text(p.t("backupForm.backToList"))),
		)}
	})
}

// backupCommand is the CLI command that makes the same backup on the host.
func backupCommand(login string, scope spec.Scope) string {
	cmd := "coffre backup " + login
	if scope == spec.ScopeWebsites {
		cmd += " --websites-only"
	}
	return cmd
}
