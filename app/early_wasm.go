//go:build wasm

package app

import "syscall/js"

// early is the login form of the pre-rendered page as the app found it: go-app replaces that
// page with its own, and what was typed in it (or filled in by a password manager) would be
// lost. takeEarlyForm hands it over to the app's form once.
var early = watchEarlyForm()

type earlyForm struct {
	fields  map[string]js.Value // the pre-rendered inputs by id
	focused string              // the id of the input that last had the focus
	onFocus js.Func
}

func watchEarlyForm() *earlyForm {
	doc := js.Global().Get("document")
	inputs := doc.Call("querySelectorAll", ".app-login form input[id]")
	e := &earlyForm{fields: map[string]js.Value{}}
	for i := range inputs.Length() {
		in := inputs.Index(i)
		e.fields[in.Get("id").String()] = in
	}
	if active := doc.Get("activeElement"); active.Truthy() {
		e.focused = active.Get("id").String()
	}
	e.onFocus = js.FuncOf(func(_ js.Value, args []js.Value) any {
		e.focused = args[0].Get("target").Get("id").String()
		return nil
	})
	doc.Call("addEventListener", "focusin", e.onFocus)
	return e
}

// takeEarlyForm copies into the app's inputs ids the values typed in the pre-rendered ones
// (the first time only, and only into empty inputs), then gives the focus to the input that
// had it, else to the first of ids, unless the app already focused one.
func takeEarlyForm(ids ...string) {
	doc := js.Global().Get("document")
	focus := ids[0]
	if e := early; e != nil {
		early = nil
		doc.Call("removeEventListener", "focusin", e.onFocus)
		e.onFocus.Release()
		for _, id := range ids {
			old, cur := e.fields[id], doc.Call("getElementById", id)
			if !old.Truthy() || !cur.Truthy() || old.Equal(cur) {
				continue
			}
			if v := old.Get("value").String(); v != "" && cur.Get("value").String() == "" {
				cur.Set("value", v)
			}
			if id == e.focused {
				focus = id
			}
		}
	}
	active := doc.Get("activeElement")
	if active.Truthy() && !active.Equal(doc.Get("body")) {
		return
	}
	if el := doc.Call("getElementById", focus); el.Truthy() {
		el.Call("focus")
	}
}
