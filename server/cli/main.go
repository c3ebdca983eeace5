package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"sort"
	"strings"
	"testing/fstest"
)

// Env is what Main needs from the process: the arguments after the program name, the panel's
// static files (the web/ folder) and the standard streams.
type Env struct {
	Args   []string
	Web    fs.FS
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
}

// Exit statuses.
const (
	ExitOK      = 0
	ExitFailure = 1 // the command ran and failed
	ExitUsage   = 2 // the command line is wrong
)

// command is one entry of the command table. name is one or two words ("serve", "client add");
// usage shows its arguments; run gets the arguments after the name.
type command struct {
	name    string
	usage   string
	summary string
	run     func(ctx context.Context, env Env, args []string) error
}

var commands = map[string]*command{}

// register adds a command to the table; each file calls it from init.
func register(c *command) {
	if _, dup := commands[c.name]; dup {
		panic("cli: command registered twice: " + c.name)
	}
	commands[c.name] = c
}

// usageError is a wrong command line: Main prints it with the command's usage, exit status 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return usageError{fmt.Sprintf(format, args...)} }

// Main runs the command that env.Args names and returns the exit status: 0 only on success.
func Main(ctx context.Context, env Env) int {
	env = env.withDefaults()
	args := moveGlobalFlags(env.Args)
	if len(args) == 0 {
		printHelp(env.Stderr, "")
		return ExitUsage
	}
	if code, ok := topLevel(ctx, env, args); ok {
		return code
	}
	cmd, rest := lookup(args)
	if cmd == nil {
		fmt.Fprintf(env.Stderr, "coffre: unknown command %q\n", commandWords(args))
		if wantsJSON(args) {
			printJSONError(env.Stdout, usagef("unknown command %q", commandWords(args)))
		}
		printHelp(env.Stderr, args[0])
		return ExitUsage
	}
	return report(env, cmd, cmd.run(ctx, env, rest), wantsJSON(rest))
}

// report prints err, if any, on stderr (and as JSON on stdout when asJSON) and returns the
// exit status.
func report(env Env, cmd *command, err error, asJSON bool) int {
	var ue usageError
	stderr := env.Stderr
	if asJSON && err != nil && !errors.Is(err, flag.ErrHelp) {
		printJSONError(env.Stdout, err)
	}
	switch {
	case err == nil:
		return ExitOK
	case errors.Is(err, flag.ErrHelp):
		return ExitOK
	case errors.As(err, &ue):
		fmt.Fprintf(stderr, "coffre %s: %s\nusage: coffre %s %s\n", cmd.name, ue.msg, cmd.name, cmd.usage)
		return ExitUsage
	}
	fmt.Fprintf(stderr, "coffre %s: %s\n", cmd.name, err)
	return ExitFailure
}

func (env Env) withDefaults() Env {
	if env.Stdin == nil {
		env.Stdin = strings.NewReader("")
	}
	if env.Stdout == nil {
		env.Stdout = io.Discard
	}
	if env.Stderr == nil {
		env.Stderr = io.Discard
	}
	if env.Web == nil {
		env.Web = fstest.MapFS{}
	}
	return env
}

// moveGlobalFlags moves a leading --data DIR (or --data=DIR) after the command, where every
// command's flags accept it: `coffre --data D client list` is `coffre client list --data D`.
func moveGlobalFlags(args []string) []string {
	var global []string
	for len(args) > 0 && strings.HasPrefix(args[0], "-") {
		name, _, hasValue := strings.Cut(strings.TrimLeft(args[0], "-"), "=")
		if name != "data" {
			break
		}
		n := 2
		if hasValue || len(args) < 2 {
			n = 1
		}
		global, args = append(global, args[:n]...), args[n:]
	}
	return append(append([]string{}, args...), global...)
}

// lookup finds the command named by the first one or two arguments.
func lookup(args []string) (*command, []string) {
	if len(args) >= 2 {
		if c := commands[args[0]+" "+args[1]]; c != nil {
			return c, args[2:]
		}
	}
	if c := commands[args[0]]; c != nil {
		return c, args[1:]
	}
	return nil, nil
}

// printHelp lists the commands, or those of one group ("client").
func printHelp(w io.Writer, group string) {
	var names []string
	for name := range commands {
		if group == "" || name == group || strings.HasPrefix(name, group+" ") {
			names = append(names, name)
		}
	}
	if len(names) == 0 {
		printHelp(w, "")
		return
	}
	sort.Strings(names)
	fmt.Fprintln(w, "usage: coffre COMMAND [ARGS] [--data DIR]   (data directory, default "+DefaultData+")")
	for _, name := range names {
		c := commands[name]
		fmt.Fprintf(w, "  coffre %s %s\n      %s\n", c.name, c.usage, c.summary)
	}
}

func init() {
	register(&command{name: "help", usage: "[COMMAND]", summary: "Show the commands, or one command's usage.",
		run: func(_ context.Context, env Env, args []string) error {
			args, err := newFlags(env, "help").parse(args, -1)
			if err != nil {
				return err
			}
			if name := strings.Join(args, " "); name != "" && commands[name] == nil && !isGroup(name) {
				return usagef("unknown command %q; coffre help lists them", name)
			}
			printHelp(env.Stdout, strings.Join(args, " "))
			return nil
		}})
}
