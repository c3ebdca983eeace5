//go:build wasm

package app

import (
	"syscall/js"
	"time"
)

// browserLang is the browser's preferred language tag (navigator.language).
func browserLang() string {
	v := js.Global().Get("navigator").Get("language")
	if v.Type() != js.TypeString {
		return ""
	}
	return v.String()
}

// setDocumentLang tells the browser (screen readers, hyphenation) which language the page speaks.
func setDocumentLang(lang string) {
	js.Global().Get("document").Get("documentElement").Set("lang", lang)
}

// loadPage loads path afresh, dropping every state the panel holds in memory.
func loadPage(path string) {
	js.Global().Get("location").Call("assign", path)
}

// localZone is the browser's time zone offset now (Go's wasm has no zone database).
func localZone() *time.Location {
	minutes := js.Global().Get("Date").New().Call("getTimezoneOffset").Int()
	return time.FixedZone("", -minutes*60)
}

// markReady flags the document once the panel runs in the browser (<html data-panel="ready">):
// pre-rendered pages look the same but do nothing until then.
func markReady() {
	js.Global().Get("document").Get("documentElement").Call("setAttribute", "data-panel", "ready")
}

// clearField empties the input with id, whose value the panel leaves to the browser (a
// password once it has been sent).
func clearField(id string) {
	if el := js.Global().Get("document").Call("getElementById", id); el.Truthy() {
		el.Set("value", "")
	}
}
