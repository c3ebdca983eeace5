//go:build !wasm

package app

import (
	"context"
	"errors"
)

// fetch is the browser's fetch; outside the browser (server pre-rendering, native tests) there is
// nothing to call, and pages render their loading state.
var fetch = func(ctx context.Context, method, path string, body []byte) (int, []byte, error) {
	return 0, nil, errors.New("fetch " + path + ": only in the browser")
}
