// Package web serves the panel: the go-app handler that pre-renders its pages, and the static
// files embedded from web/, app.wasm pre-compressed.
package web
