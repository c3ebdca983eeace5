package app

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// menuItem is one link of a row's menu.
type menuItem struct {
	Href string
	Text string
}

// rowMenu is the icon button at the right end of a table row and the small menu it opens.
// Label names the button for screen readers ("Actions for acme.example"). Escape, or focus
// leaving the menu, closes it.
type rowMenu struct {
	app.Compo
	Label string
	Items []menuItem

	open bool
}

func (m *rowMenu) Render() app.UI {
	var list app.UI
	if m.open {
		items := make([]app.UI, len(m.Items))
		for i, it := range m.Items {
			items[i] = app.Li().Role("none").Body(app.A().Role("menuitem").Href(it.Href).Text(it.Text))
		}
		list = app.Ul().Class("menu-list").Role("menu").Aria("label", m.Label).Body(items...)
	}
	return app.Div().Class("menu").On("focusout", m.onFocusOut).OnKeyDown(m.onKey).Body(
		app.Button().Type("button").Class("btn-icon menu-button").
			Aria("label", m.Label).Aria("haspopup", "menu").Aria("expanded", m.open).
			Title(m.Label).OnClick(m.onToggle).Body(icon("more")),
		list,
	)
}

func (m *rowMenu) onToggle(ctx app.Context, e app.Event) {
	m.open = !m.open
	if m.open {
		ctx.Defer(func(ctx app.Context) { focusFirstItem(ctx) })
	}
}

func (m *rowMenu) onKey(ctx app.Context, e app.Event) {
	if m.open && e.Get("key").String() == "Escape" {
		m.open = false
		ctx.JSSrc().Call("querySelector", ".menu-button").Call("focus")
	}
}

// onFocusOut closes the menu when the focus goes somewhere outside it.
func (m *rowMenu) onFocusOut(ctx app.Context, e app.Event) {
	next := e.Get("relatedTarget")
	if m.open && (!next.Truthy() || !ctx.JSSrc().Call("contains", next).Bool()) {
		m.open = false
	}
}

// focusFirstItem moves the focus into a menu that has just opened; ctx is the button's.
func focusFirstItem(ctx app.Context) {
	if first := ctx.JSSrc().Get("parentElement").Call("querySelector", "[role=menuitem]"); first.Truthy() {
		first.Call("focus")
	}
}
