//go:build !wasm

package main

import (
	"fmt"
	"os"
	"runtime/pprof"
)

// profileEnv names a file where the process writes a CPU profile of its whole run (for
// `go tool pprof`): a hidden switch for measuring, described in bench/README.md.
const profileEnv = "COFFRE_CPUPROFILE"

// startProfile starts the CPU profile if asked; the returned function stops and writes it.
func startProfile() func() {
	path := os.Getenv(profileEnv)
	if path == "" {
		return func() {}
	}
	f, err := os.Create(path)
	if err == nil {
		err = pprof.StartCPUProfile(f)
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "%s: %v\n", profileEnv, err)
		return func() {}
	}
	return func() {
		pprof.StopCPUProfile()
		f.Close()
	}
}
