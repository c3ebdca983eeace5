package cli

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"coffre/server/jobs"
)

func init() {
	register(&command{name: "space set", usage: "--min-free SIZE   (bytes, or with K, M, G or T: 1024-based)",
		summary: "Set the free space that backups to the server storage and restores must leave: one that would leave less is refused before it writes.",
		run:     spaceSet})
	register(&command{name: "space show", usage: "[--json]",
		summary: "Show the minimum free space kept.", run: spaceShow})
}

func spaceSet(_ context.Context, env Env, args []string) error {
	f := newFlags(env, "space set")
	size := f.String("min-free", "", "the free space to keep, e.g. 10G (required; 0 keeps none)")
	if _, err := f.parse(args, 0); err != nil {
		return err
	}
	n, err := parseSize(*size)
	if err != nil {
		return usagef("--min-free: %v", err)
	}
	e, err := openEngine(f)
	if err != nil {
		return err
	}
	if err := e.jobs.SetSpace(jobs.SpaceSettings{MinFree: n}); err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "minimum free space kept: %s\n", humanBytes(n))
	return nil
}

func spaceShow(_ context.Context, env Env, args []string) error {
	f := newFlags(env, "space show").withJSON()
	if _, err := f.parse(args, 0); err != nil {
		return err
	}
	e, err := openEngine(f)
	if err != nil {
		return err
	}
	s, err := e.jobs.Space()
	if err != nil {
		return err
	}
	if f.json {
		return printJSON(env.Stdout, s)
	}
	fmt.Fprintf(env.Stdout, "minimum free space kept: %s\n", humanBytes(s.MinFree))
	return nil
}

// parseSize reads a size: a whole number of bytes, or followed by K, M, G or T (1024-based,
// an optional B or iB after it).
func parseSize(s string) (int64, error) {
	t := strings.ToUpper(strings.TrimSpace(s))
	t = strings.TrimSuffix(strings.TrimSuffix(t, "B"), "I")
	shift := 0
	if i := strings.IndexAny(t, "KMGT"); i >= 0 && i == len(t)-1 {
		shift = 10 * (1 + strings.IndexByte("KMGT", t[i]))
		t = t[:i]
	}
	n, err := strconv.ParseInt(strings.TrimSpace(t), 10, 64)
	if err != nil || n < 0 || n > jobs.MaxMinFree>>shift {
		return 0, fmt.Errorf("%q is not a size (e.g. 500M, 10G)", s)
	}
	return n << shift, nil
}
