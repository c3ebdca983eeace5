package cli

import (
	"context"
	"fmt"
	"runtime"
	"runtime/debug"
)

// Version is set at build time: go build -ldflags "-X coffre/server/cli.Version=1.2.3".
var Version = "dev"

func init() {
	register(&command{name: "version", usage: "", summary: "Print Coffre's version.", run: version})
}

func version(_ context.Context, env Env, args []string) error {
	if _, err := newFlags(env, "version").parse(args, 0); err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "coffre %s (%s%s)\n", Version, runtime.Version(), revision())
	return nil
}

// revision is the VCS revision the binary was built from, if known.
func revision() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return ""
	}
	rev, dirty := "", false
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			dirty = s.Value == "true"
		}
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	if rev == "" {
		return ""
	}
	if dirty {
		rev += "+dirty"
	}
	return ", " + rev
}
