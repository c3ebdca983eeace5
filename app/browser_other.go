//go:build !wasm

package app

import "time"

// Stand-ins for the browser's facilities, used by server pre-rendering and native tests.

func browserLang() string         { return "" }
func setDocumentLang(lang string) {}
func loadPage(path string)        {}
func localZone() *time.Location   { return time.UTC }
func markReady()                  {}
func clearField(id string)        {}
func takeEarlyForm(ids ...string) {}
