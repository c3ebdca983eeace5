//go:build !wasm

package app

import (
	"context"
	"errors"
)

// uploadFiles needs the browser's files; outside it there are none.
var uploadFiles = func(ctx context.Context, path, inputID string) (int, []byte, error) {
	return 0, nil, errors.New("upload " + path + ": only in the browser")
}
