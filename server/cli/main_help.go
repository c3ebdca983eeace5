package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"coffre/server/jobs"
	"coffre/server/store"
)

// topLevel answers what names no command: --help and -h print the commands, --version the
// version, and a group alone ("coffre client") its subcommands. handled is false otherwise.
func topLevel(ctx context.Context, env Env, args []string) (code int, handled bool) {
	switch args[0] {
	case "--help", "-help", "-h":
		printHelp(env.Stdout, "")
		return ExitOK, true
	case "--version", "-version", "-v":
		return report(env, commands["version"], version(ctx, env, nil), false), true
	}
	if !isGroup(args[0]) || len(args) > 1 && !strings.HasPrefix(args[1], "-") {
		return 0, false
	}
	if len(args) > 1 && isHelpFlag(args[1]) {
		printHelp(env.Stdout, args[0])
		return ExitOK, true
	}
	fmt.Fprintf(env.Stderr, "coffre %s: which one? Give a subcommand:\n", args[0])
	printHelp(env.Stderr, args[0])
	return ExitUsage, true
}

func isHelpFlag(a string) bool { return a == "-h" || a == "-help" || a == "--help" }

// isGroup reports whether name is the first word of two-word commands ("client", "ftp").
func isGroup(name string) bool {
	for n := range commands {
		if strings.HasPrefix(n, name+" ") {
			return true
		}
	}
	return false
}

// wantsJSON reports whether the arguments ask for JSON output (--json, -json, --json=true).
func wantsJSON(args []string) bool {
	for _, a := range args {
		switch a {
		case "--":
			return false
		case "--json", "-json", "--json=true", "-json=true":
			return true
		}
	}
	return false
}

// jsonError is what a command run with --json prints on stdout when it fails.
type jsonError struct {
	Error string `json:"error"`
	Code  string `json:"code"` // usage (exit 2), or a stable code of the failure (exit 1)
	Field string `json:"field,omitempty"`
}

// printJSONError prints err as a jsonError on w, unless the task it is about was printed.
func printJSONError(w io.Writer, err error) {
	if errors.As(err, new(taskEnded)) {
		return
	}
	je := jsonError{Error: err.Error(), Code: "failed"}
	var ue usageError
	var se *store.Error
	var ref *jobs.Refusal
	switch {
	case errors.As(err, &ue):
		je.Code = "usage"
	case errors.As(err, &ref) && len(ref.Errors) > 0:
		je.Code, je.Field = ref.Errors[0].Code, ref.Errors[0].Field
	case errors.As(err, &se) && se.Code != "":
		je.Code, je.Field = se.Code, se.Field
	}
	printJSON(w, je)
}

// commandWords is how the arguments name a command: the first one or two words before a flag.
func commandWords(args []string) string {
	if len(args) > 1 && !strings.HasPrefix(args[1], "-") {
		return args[0] + " " + args[1]
	}
	return args[0]
}
