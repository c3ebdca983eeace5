package app

import (
	"coffre/engine/account"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// problemOn is what the server refused about field in the last outcome of r, nil if nothing.
func problemOn[T any](r remote[T], field string) []account.FieldProblem {
	if r.Status != failed || r.Err == nil || field == "" {
		return nil
	}
	pr := r.Err.Problem
	for _, fp := range pr.Fields {
		if fp.Field == field {
			return []account.FieldProblem{fp}
		}
	}
	if pr.Field != field {
		return nil
	}
	return []account.FieldProblem{{Field: pr.Field, Code: pr.Code, Args: pr.Args}}
}

// adminForm is the state of one form of the administration: its outcome, observed under
// stateAdminOp(key), and which fields it shows (to tell a field's error from the form's).
type adminForm struct {
	key    string
	state  remote[struct{}]
	fields map[string]bool
}

// watch observes the form's outcome (once), starting afresh; done, if any, runs after each
// success (to empty the form).
func (a *adminForm) watch(ctx app.Context, key string, done ...func()) {
	if app.IsServer || a.key == key {
		return
	}
	a.key, a.state, a.fields = key, remote[struct{}]{}, map[string]bool{}
	ctx.SetState(stateAdminOp(key), remote[struct{}]{})
	ctx.ObserveState(stateAdminOp(key)).While(func() bool { return a.key == key }).OnChange(func() {
		for _, fn := range done {
			if a.state.Status == loaded {
				fn()
			}
		}
	}).Value(&a.state)
}

// field renders one labelled input bound to field, with its help and the server's refusal.
func (a *adminForm) field(f *frame, id, field, label, help string, in app.HTMLInput) app.UI {
	if a.fields == nil {
		a.fields = map[string]bool{}
	}
	a.fields[field] = true
	probs := problemOn(a.state, field)
	if len(probs) > 0 {
		in = in.Aria("invalid", "true").Aria("describedby", id+"-error")
	} else if help != "" {
		in = in.Aria("describedby", id+"-help")
	}
	return app.Div().Class("field").Body(app.Label().For(id).Text(label), helpLine(id, help), in.ID(id), f.fieldErrors(id, probs))
}

// outcome is the form's refusal that no field shows, or "Saved".
func (a *adminForm) outcome(f *frame, savedKey string) app.UI {
	switch a.state.Status {
	case loaded:
		if savedKey == "" {
			return nil
		}
		return app.P().Class("saved").Role("status").Body(icon("check"), app.Span().Text(f.t(savedKey)))
	case failed:
		if a.state.Err != nil && a.fields[a.state.Err.Problem.Field] {
			return nil
		}
		return f.failureView(a.state.Err, nil)
	}
	return nil
}

// busy reports whether the form's request is on its way.
func (a *adminForm) busy() bool { return a.state.Status == loading }

// text is an input of one line of text bound to dst.
func text(dst *string, kind string) app.HTMLInput {
	return inputValue(app.Input().Type(kind).Spellcheck(false).Attr("autocapitalize", "none").
		OnInput(func(ctx app.Context, e app.Event) { *dst = valueOf(ctx) }), *dst)
}
