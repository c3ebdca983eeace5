//go:build wasm

package app

import (
	"context"
	"errors"
	"syscall/js"
)

// fetch sends one request to the server and returns the status and body (a variable, so that
// tests can stand in for the server).
var fetch = jsFetch

// jsFetch sends one request with the browser's fetch (same origin, the session cookie included).
// It blocks its goroutine, never the browser: call it from an action handler or ctx.Async.
// Cancelling ctx aborts the request.
func jsFetch(ctx context.Context, method, path string, body []byte) (int, []byte, error) {
	abort := js.Global().Get("AbortController").New()
	headers := map[string]any{"Accept": "application/json"}
	for k, v := range requestHeaders(ctx) {
		headers[k] = v
	}
	opts := map[string]any{"method": method, "credentials": "same-origin", "headers": headers, "signal": abort.Get("signal")}
	if body != nil {
		headers["Content-Type"] = "application/json"
		opts["body"] = string(body)
	}
	type answer struct {
		status int
		body   []byte
		err    error
	}
	done := make(chan answer, 1)
	var onText, onResponse, onError js.Func
	status := 0
	onText = js.FuncOf(func(this js.Value, args []js.Value) any {
		done <- answer{status: status, body: []byte(args[0].String())}
		return nil
	})
	onResponse = js.FuncOf(func(this js.Value, args []js.Value) any {
		status = args[0].Get("status").Int()
		args[0].Call("text").Call("then", onText, onError)
		return nil
	})
	onError = js.FuncOf(func(this js.Value, args []js.Value) any {
		done <- answer{err: errors.New("fetch " + path + ": " + js.Global().Get("String").Invoke(args[0]).String())}
		return nil
	})
	defer onText.Release()
	defer onResponse.Release()
	defer onError.Release()
	js.Global().Call("fetch", path, opts).Call("then", onResponse, onError)
	select {
	case a := <-done:
		return a.status, a.body, a.err
	case <-ctx.Done():
		abort.Call("abort")
		<-done // the aborted promise rejects; wait so the callbacks are released after use
		return 0, nil, ctx.Err()
	}
}
