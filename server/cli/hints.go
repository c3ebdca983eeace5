package cli

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"coffre/engine/pattern"
	"coffre/engine/spec"
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
		msgs[i] = fe.Message()
		switch fe.Code {
		case spec.CodeInvalidPatterns:
			var perrs pattern.Errors
			if _, err := pattern.Compile(exclude); errors.As(err, &perrs) {
				msgs[i] = "--exclude: " + perrs.Error()
			}
		case spec.CodeUnknownSubscript:
			msgs[i] += fmt.Sprintf(" (`coffre subscription list --client %s` lists them)", login)
		case spec.CodeFTPNotConfigured:
			msgs[i] += fmt.Sprintf(" (`coffre ftp set %s` sets it up)", login)
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
	return err
}

func noBackup(login, kind, name string) error {
	list := "coffre backups " + login
	if kind != spec.StorageServer {
		list += " --storage " + kind
	}
	return fmt.Errorf("no backup %q of %s in the %s storage; `%s` lists them", name, login, kind, list)
}
