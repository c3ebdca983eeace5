//go:build !wasm

package main

import (
	"context"
	"embed"
	"io/fs"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"

	"coffre/server/cli"
)

// webFiles holds the panel's static files and the wasm built into web/ by make.
//
//go:embed web
var webFiles embed.FS

// memoryLimit is the soft limit of the Go heap unless GOMEMLIMIT says otherwise: the collector
// works harder near it, which keeps a backup of a large webspace well under 150 MB.
const memoryLimit = 128 << 20

func run() {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(memoryLimit)
	}
	stopProfile := startProfile()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	web, _ := fs.Sub(webFiles, "web")
	code := cli.Main(ctx, cli.Env{Args: os.Args[1:], Web: web, Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr})
	stop()
	stopProfile()
	os.Exit(code)
}
