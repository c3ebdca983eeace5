package app

import (
	"coffre/engine/account"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// accountPage is Account in the Customer Panel (step 4 of docs/panel-flow.md): the client's details and the
// two ways to back up, each enabled or disabled with the reason by the client's rights.
type accountPage struct {
	app.Compo
	customerBase
}

func (p *accountPage) OnNav(ctx app.Context) { p.navCustomer(ctx, "nav.account") }

func (p *accountPage) Render() app.UI {
	return p.render("account", "nav.account", func(a account.Account) []app.UI {
		c := a.Client
		return []app.UI{
			app.Section().Class("card").Aria("labelledby", "account-details").Body(
				app.H2().ID("account-details").Text(p.t("account.details")),
				app.Dl().Class("facts").Body(
					fact(p.t("col.name"), orDash(c.Name)),
					fact(p.t("col.company"), orDash(c.Company)),
					fact(p.t("col.login"), app.Code().Text(c.Login)),
					fact(p.t("client.email"), breakable(c.Email)),
				),
			),
			app.Section().Aria("labelledby", "account-backup").Body(
				app.H2().ID("account-backup").Text(p.t("account.backup")),
				app.P().Class("muted").Text(p.t("account.note")),
				p.choices(a),
			),
		}
	})
}

// choices renders both ways to back up as option cards.
func (p *accountPage) choices(a account.Account) app.UI {
	return choiceCards(&p.frame, p.login, backupChoices(a))
}

// choiceCards renders each backup choice as a card: its name, one line of help, and its button,
// or the disabled button with the reason beside it.
func choiceCards(f *frame, login string, choices []backupChoice) app.UI {
	cards := make([]app.UI, len(choices))
	for i, c := range choices {
		cards[i] = app.Div().Class("card choice").DataSet("choice", string(c.Scope)).Body(
			app.H3().Text(f.t(c.Label)),
			app.P().Class("muted").Text(f.t(c.Help)),
			choiceAction(f, login, c),
		)
	}
	return app.Div().Class("choices").Body(cards...)
}

// choiceAction is the choice's button: a link to the backup form, or a disabled button that
// names why, tied to the reason for screen readers.
func choiceAction(f *frame, login string, c backupChoice) app.UI {
	if c.Reason == "" {
		return app.A().Class("btn btn-primary choice-action").Href(backupFormPath(login, c.Scope)).
			Body(icon("archive"), app.Span().Text(f.t(c.Label)))
	}
	reasonID := "reason-" + string(c.Scope)
	return app.Div().Class("choice-off").Body(
		app.Button().Type("button").Class("btn choice-action").Disabled(true).Aria("describedby", reasonID).
			Body(icon("archive"), app.Span().Text(f.t(c.Label))),
		app.P().Class("reason").ID(reasonID).Body(
			icon("info"), app.Span().Body(app.Strong().Text(f.t("backup.unavailable")+" "), app.Text(f.t(c.Reason))),
		),
	)
}
