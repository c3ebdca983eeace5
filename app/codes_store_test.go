//go:build !js

package app

import (
	"testing"

	"coffre/server/store"
)

// Every refusal of the store (the administration's forms) has its words in both languages.
// Not under js: the store's bbolt does not build there.
func TestEveryStoreCodeIsTranslated(t *testing.T) {
	for _, code := range store.Codes {
		if w, ok := messages["err."+code]; !ok || w.en == "" || w.fr == "" {
			t.Errorf("store code %q: no translation (key %q)", code, "err."+code)
		}
	}
}
