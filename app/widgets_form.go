package app

import (
	"strings"

	"coffre/engine/account"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// option is one radio button or checkbox of a form, with its one line of help and, when it is
// unavailable, the reason beside it. Nested controls (a field that goes with the option) follow
// its text.
type option struct {
	id       string
	radio    string // the radio group's name; "" for a checkbox
	value    string
	label    string
	help     string
	reason   string // "" when available
	checked  bool
	onChange app.EventHandler
	nested   []app.UI
}

// optionUI renders an option. Disabled and checked are set only when true: go-app pre-renders
// false as disabled="false", which a browser reads as disabled.
func (f *frame) optionUI(o option) app.UI {
	typ := "checkbox"
	if o.radio != "" {
		typ = "radio"
	}
	in := app.Input().Type(typ).ID(o.id).Value(o.value).OnChange(o.onChange)
	if d := describedBy(o.id, o.help, o.reason); d != "" {
		in = in.Aria("describedby", d)
	}
	if o.radio != "" {
		in = in.Name(o.radio)
	}
	if o.checked {
		in = in.Checked(true)
	}
	class := "option"
	if o.reason != "" {
		in, class = in.Disabled(true), "option off"
	}
	return app.Div().Class(class).Body(
		in,
		app.Div().Class("option-text").Body(
			app.Label().For(o.id).Text(o.label),
			helpLine(o.id, o.help),
			f.reasonLine(o.id, o.reason),
			app.Div().Class("option-nested").Body(o.nested...),
		),
	)
}

// describedBy lists the ids of the help and the reason that go with the control id.
func describedBy(id, help, reason string) string {
	var ids []string
	if help != "" {
		ids = append(ids, id+"-help")
	}
	if reason != "" {
		ids = append(ids, id+"-reason")
	}
	return strings.Join(ids, " ")
}

// helpLine is the one line of help of control id.
func helpLine(id, help string) app.UI {
	if help == "" {
		return nil
	}
	return app.P().Class("help").ID(id + "-help").Text(help)
}

// reasonLine says why control id is unavailable (reason is a message key).
func (f *frame) reasonLine(id, reason string) app.UI {
	if reason == "" {
		return nil
	}
	return app.P().Class("reason").ID(id+"-reason").Body(
		icon("info"), app.Span().Body(app.Strong().Text(f.t("backup.unavailable")+" "), app.Text(f.t(reason))),
	)
}

// fieldErrors says what is wrong with one field, beside it, in the panel's language.
func (f *frame) fieldErrors(id string, problems []account.FieldProblem) app.UI {
	if len(problems) == 0 {
		return nil
	}
	items := make([]app.UI, len(problems))
	for i, p := range problems {
		items[i] = app.Li().Body(icon("alert"), app.Span().Text(problemText(f.lang, account.Problem{Code: p.Code, Args: p.Args})))
	}
	return app.Ul().Class("field-error").ID(id + "-error").Body(items...)
}

// fieldset groups the options of one question: its legend, its help, its options, its errors.
func fieldset(id, legend, help string, body ...app.UI) app.UI {
	return app.FieldSet().Class("question").ID(id).Body(
		append([]app.UI{app.Legend().Text(legend), helpLine(id, help)}, body...)...,
	)
}

// checkedOf reads a checkbox's state in its change handler.
func checkedOf(ctx app.Context) bool { return ctx.JSSrc().Get("checked").Bool() }

// valueOf reads a control's value in its handler.
func valueOf(ctx app.Context) string { return ctx.JSSrc().Get("value").String() }

// typed is what to give go-app as the value of a field the user types in, and whether to give
// it at all. go-app trims attribute values, so setting back "a " while the user types "a b"
// would drop the blank and move the cursor: a value with blanks around it is left to the
// browser, which holds it already. (A type="email" field trims its value itself, and setting
// it back while typing scrambles it: its value is set only when the page proposes one.)
func typed(v string) (string, bool) { return v, strings.TrimSpace(v) == v }

// inputValue sets a typed input's value when go-app can set it unchanged.
func inputValue(in app.HTMLInput, v string) app.HTMLInput {
	if s, ok := typed(v); ok {
		return in.Value(s)
	}
	return in
}

// areaText sets a typed text area's value when go-app can set it unchanged.
func areaText(a app.HTMLTextarea, v string) app.HTMLTextarea {
	if s, ok := typed(v); ok {
		return a.Text(s)
	}
	return a
}
