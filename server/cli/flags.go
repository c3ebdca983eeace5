package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"coffre/engine/spec"
	"coffre/server/keys"
	"coffre/server/store"
)

// DefaultData is the data directory unless --data says otherwise.
const DefaultData = "./coffre-data"

// flags is a command's flag set with the flags every command takes: --data, and --json for
// those that print objects.
type flags struct {
	*flag.FlagSet
	data string
	json bool
	help io.Writer // where -h prints the usage
}

// newFlags returns the flag set of the named command; its help goes to env.Stderr.
func newFlags(env Env, name string) *flags {
	f := &flags{FlagSet: flag.NewFlagSet("coffre "+name, flag.ContinueOnError)}
	f.SetOutput(io.Discard) // a wrong flag is reported once, by Main, with the usage line
	f.help = env.Stderr
	f.StringVar(&f.data, "data", DefaultData, "the data directory")
	f.Usage = func() {
		if c := commands[name]; c != nil {
			fmt.Fprintf(f.Output(), "usage: coffre %s %s\n%s\n", c.name, c.usage, c.summary)
		}
		f.PrintDefaults()
	}
	return f
}

// withJSON adds --json.
func (f *flags) withJSON() *flags {
	f.BoolVar(&f.json, "json", false, "print JSON")
	return f
}

// parse parses args, flags and positional arguments in any order, and checks that there are
// exactly n positional arguments (any number if n < 0).
func (f *flags) parse(args []string, n int) ([]string, error) {
	var pos []string
	for {
		if err := f.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				f.SetOutput(f.help)
				f.Usage()
				return nil, err
			}
			return nil, usageError{dashed(err.Error())}
		}
		args = f.Args()
		if len(args) == 0 {
			break
		}
		if args[0] == "--" {
			pos = append(pos, args[1:]...)
			break
		}
		pos, args = append(pos, args[0]), args[1:]
	}
	if n >= 0 && len(pos) != n {
		return nil, usagef("want %d argument(s), got %d", n, len(pos))
	}
	return pos, nil
}

// set reports whether the flag was given on the command line.
func (f *flags) set(name string) bool {
	found := false
	f.Visit(func(fl *flag.Flag) { found = found || fl.Name == name })
	return found
}

// store opens the data directory's store, creating both if needed.
func (f *flags) store() (*store.Store, error) {
	return store.Open(f.data, store.Options{})
}

// existingStore opens the store of a data directory that must exist already: a listing on a
// mistyped --data fails instead of creating an empty directory.
func (f *flags) existingStore() (*store.Store, error) {
	if _, err := os.Stat(filepath.Join(f.data, store.FileName)); errors.Is(err, fs.ErrNotExist) {
		abs, _ := filepath.Abs(f.data)
		return nil, fmt.Errorf("no Coffre data in %s (start with coffre serve or coffre client add, or give --data DIR)", abs)
	}
	return f.store()
}

// keys loads the data directory's keys, creating them if needed.
func (f *flags) keys() (*keys.Keys, error) {
	if err := os.MkdirAll(f.data, 0o700); err != nil {
		return nil, err
	}
	return keys.Load(f.data)
}

// listFlag collects a repeated flag.
type listFlag []string

func (l *listFlag) String() string { return strings.Join(*l, ",") }

func (l *listFlag) Set(v string) error {
	*l = append(*l, v)
	return nil
}

// readSecretFile reads a password from a file: its first line, which must not be empty.
func readSecretFile(path string) ([]byte, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read password file: %w", err)
	}
	line, _, _ := strings.Cut(string(data), "\n")
	line = strings.TrimSuffix(line, "\r")
	if line == "" {
		return nil, fmt.Errorf("the password file %s is empty", path)
	}
	return []byte(line), nil
}

// readLine reads one line from r (at most 4 KiB), without its line ending.
func readLine(r io.Reader) (string, error) {
	var b []byte
	one := make([]byte, 1)
	for len(b) < 4096 {
		n, err := r.Read(one)
		if n == 1 {
			if one[0] == '\n' {
				break
			}
			b = append(b, one[0])
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			return "", err
		}
	}
	return strings.TrimSuffix(string(b), "\r"), nil
}

// dbFlag collects --database NAME, each optionally followed by --as NEW (dbAs).
type dbFlag []spec.DatabaseRestore

func (d *dbFlag) String() string { return fmt.Sprint(*d) }

func (d *dbFlag) Set(v string) error {
	*d = append(*d, spec.DatabaseRestore{Name: v})
	return nil
}

// dbAs is --as: the new name of the --database given just before it.
type dbAs struct{ d *dbFlag }

func (a dbAs) String() string { return "" }

func (a dbAs) Set(v string) error {
	if a.d == nil || len(*a.d) == 0 || (*a.d)[len(*a.d)-1].As != "" {
		return fmt.Errorf("--as names the --database given just before it")
	}
	(*a.d)[len(*a.d)-1].As = v
	return nil
}
