package app

import (
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// Actions and states of the free-space setting.
const (
	actionLoadSpace = "space/load"
	actionSaveSpace = "space/save" // value: spaceSettings
	stateSpace      = "spaceSettings"
)

// spaceSettings is the minimum free space backups and restores leave (server/jobs.SpaceSettings).
type spaceSettings struct {
	MinFree int64 `json:"minFree"`
}

func registerSpaceActions() {
	app.Handle(actionLoadSpace, func(ctx app.Context, a app.Action) {
		var s spaceSettings
		if f := send(ctx, "GET", "/api/settings/space", nil, &s); f != nil {
			ctx.SetState(stateSpace, remote[spaceSettings]{Status: failed, Err: f})
			return
		}
		ctx.SetState(stateSpace, remote[spaceSettings]{Status: loaded, Data: s})
	})
	app.Handle(actionSaveSpace, func(ctx app.Context, a app.Action) {
		s, ok := a.Value.(spaceSettings)
		if !ok {
			return
		}
		if f := send(ctx, "PUT", "/api/settings/space", s, &s); f != nil {
			ctx.SetState(stateSpace, remote[spaceSettings]{Status: failed, Err: f, Data: s})
			return
		}
		ctx.SetState(stateSpace, remote[spaceSettings]{Status: loaded, Data: s})
	})
}

// spaceForm is the Settings page's card for the minimum free space, in GB (1024-based).
type spaceForm struct {
	app.Compo
	Lang    string // the page's language
	space   remote[spaceSettings]
	gb      string // as typed
	saved   bool
	watched bool
}

func (c *spaceForm) OnMount(ctx app.Context) {
	if !c.watched {
		c.watched = true
		ctx.ObserveState(stateSpace).OnChange(func() {
			if c.space.Status == loaded {
				c.gb = strconv.FormatInt(c.space.Data.MinFree>>30, 10)
			}
		}).Value(&c.space)
	}
	ctx.NewAction(actionLoadSpace)
}

func (c *spaceForm) onSave(ctx app.Context, e app.Event) {
	e.PreventDefault()
	n, err := strconv.ParseInt(strings.TrimSpace(c.gb), 10, 64)
	if err != nil || n < 0 || n > 1<<20 {
		n = -1 // the server refuses it, in the user's words
	}
	c.saved = true
	ctx.NewActionWithValue(actionSaveSpace, spaceSettings{MinFree: n << 30})
}

func (c *spaceForm) Render() app.UI {
	var status app.UI
	switch {
	case c.space.Status == failed && c.space.Err != nil:
		status = app.P().Class("error-text").ID("space-error").Text(problemText(c.Lang, c.space.Err.Problem))
	case c.saved && c.space.Status == loaded:
		status = app.P().Class("muted").ID("space-saved").Text(tr(c.Lang, "space.saved"))
	}
	return app.Form().Class("card settings-form").ID("space-form").Method("post").OnSubmit(c.onSave).Aria("labelledby", "space-title").Body(
		app.H2().ID("space-title").Text(tr(c.Lang, "space.title")),
		app.Div().Class("field").Body(
			app.Label().For("space-min-free").Text(tr(c.Lang, "space.minFree")),
			helpLine("space-min-free", tr(c.Lang, "space.minFree.help")),
			inputValue(app.Input().Type("number").ID("space-min-free").Class("input-short").Attr("min", 0).
				OnInput(func(ctx app.Context, e app.Event) { c.gb = valueOf(ctx) }), c.gb),
		),
		status,
		app.Div().Class("form-buttons").Body(app.Button().Type("submit").ID("space-save").Class("btn btn-primary").Text(tr(c.Lang, "space.save"))),
	)
}
