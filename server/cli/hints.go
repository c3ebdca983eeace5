package cli

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"unicode"

	"coffre/engine/pattern"
	"coffre/engine/spec"
	"coffre/server/ftpset"
	"coffre/server/jobs"
)

// checkedFor is checked for a request of the client login whose exclusion patterns are
// exclude: each refused pattern is named with its reason, and an unknown subscription comes
// with the command that lists the client's.
func checkedFor(err error, login, exclude string) error {
	var ref *jobs.Refusal
	if !errors.As(err, &ref) {
		return err
	}
	msgs := make([]string, len(ref.Errors))
	for i, fe := range ref.Errors {
		msgs[i] = flagName(fe.Field) + ": " + strings.TrimPrefix(fe.Message(), fe.Field+": ")
		switch fe.Code {
		case spec.CodeInvalidPatterns:
			var perrs pattern.Errors
			if _, err := pattern.Compile(exclude); errors.As(err, &perrs) {
				msgs[i] = "--exclude: " + perrs.Error()
			}
		case spec.CodeUnknownSubscript:
			msgs[i] += fmt.Sprintf(" (`coffre subscription list --client %s` lists them)", orLogin(login))
		case spec.CodeFTPNotConfigured:
			msgs[i] += fmt.Sprintf(" (`coffre ftp set %s` sets it up)", orLogin(login))
		}
	}
	if ref.Forbidden {
		return fmt.Errorf("refused by the client's rights: %s", strings.Join(msgs, "; "))
	}
	return usageError{strings.Join(msgs, "; ")}
}

// backupExists refuses, before any task is made, a backup name that the storage does not hold,
// saying how to list those it does.
func (e *engine) backupExists(ctx context.Context, login, kind, name string) error {
	err := e.jobs.Exists(ctx, login, kind, name)
	if errors.Is(err, jobs.ErrNoBackup) {
		return noBackup(login, kind, name)
	}
	return storageHint(err, login)
}

// storageHint says how to set up a personal FTP storage that is not; other errors pass as they
// are (nil included).
func storageHint(err error, login string) error {
	if errors.Is(err, ftpset.ErrNotConfigured) {
		return fmt.Errorf("the personal FTP storage of %s is not set up; `coffre ftp set %s --host H --user U --password-file F` sets it up", login, login)
	}
	return err
}

func noBackup(login, kind, name string) error {
	list := "coffre backups " + login
	if kind != spec.StorageServer {
		list += " --storage " + kind
	}
	return fmt.Errorf("no backup %q of %s in the %s storage; `%s` lists them", name, login, kind, list)
}

func orLogin(login string) string {
	if login == "" {
		return "LOGIN"
	}
	return login
}

// argNames are the command-line names of request fields that are not their flag's name.
var argNames = map[string]string{"subscriptions": "--subscription", "paths": "--path",
	"mailboxes": "--mailbox", "databases": "--database", "backup": "BACKUP", "client": "LOGIN", "scope": "scope",
	"splitMB": "--split-mb"}

// flagName is how the command line names a request's field: splitMB is --split-mb.
func flagName(field string) string {
	if n, ok := argNames[field]; ok {
		return n
	}
	var b strings.Builder
	b.WriteString("--")
	for _, r := range field {
		if unicode.IsUpper(r) {
			b.WriteByte('-')
			r = unicode.ToLower(r)
		}
		b.WriteRune(r)
	}
	return b.String()
}

// singleDash matches a flag as package flag names it in its errors (-limit).
var singleDash = regexp.MustCompile(`(^|\s)-([a-z][a-z-]*)`)

// dashed writes the flags that an error of package flag names as this help does: --limit.
func dashed(msg string) string { return singleDash.ReplaceAllString(msg, "$1--$2") }
