//go:build wasm

package app

import (
	"context"
	"errors"
	"strings"
	"syscall/js"
)

// uploadFiles posts the files chosen in the file input inputID to path as multipart/form-data,
// the manifest first (the server checks each file against it as it arrives). It blocks its
// goroutine: call it from an action handler.
func uploadFiles(ctx context.Context, path, inputID string) (int, []byte, error) {
	input := js.Global().Get("document").Call("getElementById", inputID)
	if !input.Truthy() || input.Get("files").Length() == 0 {
		return 0, nil, errors.New("choose the backup's files first")
	}
	files := input.Get("files")
	form := js.Global().Get("FormData").New()
	for _, first := range []bool{true, false} {
		for i := 0; i < files.Length(); i++ {
			f := files.Index(i)
			if strings.HasSuffix(f.Get("name").String(), ".manifest.json") == first {
				form.Call("append", "files", f, f.Get("name"))
			}
		}
	}
	return jsSend(ctx, path, form)
}

// jsSend posts body (a FormData) with the browser's fetch and returns the status and answer.
func jsSend(ctx context.Context, path string, body js.Value) (int, []byte, error) {
	abort := js.Global().Get("AbortController").New()
	opts := map[string]any{"method": "POST", "credentials": "same-origin", "body": body,
		"headers": map[string]any{"Accept": "application/json"}, "signal": abort.Get("signal")}
	type answer struct {
		status int
		body   []byte
		err    error
	}
	done := make(chan answer, 1)
	status := 0
	var onText, onResponse, onError js.Func
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
		done <- answer{err: errors.New("upload: " + js.Global().Get("String").Invoke(args[0]).String())}
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
		<-done
		return 0, nil, ctx.Err()
	}
}
