//go:build !wasm

package main

import (
	"context"
	"embed"
	"io/fs"
	"os"
	"os/signal"
	"syscall"

	"coffre/server/cli"
)

// webFiles holds the panel's static files and the wasm built into web/ by make.
//
//go:embed web
var webFiles embed.FS

func run() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	web, _ := fs.Sub(webFiles, "web")
	code := cli.Main(ctx, cli.Env{Args: os.Args[1:], Web: web, Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr})
	stop()
	os.Exit(code)
}
