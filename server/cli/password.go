package cli

import (
	"context"
	"fmt"

	"coffre/engine/protect"
	"coffre/server/tasks"
)

// passwordFileFlag adds --password-file to a command that writes or reads a backup.
func passwordFileFlag(f *flags) *string {
	return f.String("password-file", "", "the backup password: the first line of this file (protects a backup; needed to read a protected one)")
}

// withPasswordFile is ctx carrying the password of the file, if one was given, for a
// command that reads a protected backup itself (a restore's preview).
func withPasswordFile(ctx context.Context, path string) (context.Context, error) {
	if path == "" {
		return ctx, nil
	}
	pw, err := readSecretFile(path)
	if err != nil {
		return ctx, err
	}
	key, err := protect.NewKey(string(pw))
	if err != nil {
		return ctx, fmt.Errorf("%s: %w", path, err)
	}
	return protect.WithKey(ctx, key), nil
}

// keepPassword reads the password file, if one was given, and gives the password to the task
// that req becomes. The password stays in this process's memory.
func keepPassword(e *engine, path string, req tasks.Request) error {
	if path == "" {
		return nil
	}
	pw, err := readSecretFile(path)
	if err != nil {
		return err
	}
	key, err := protect.NewKey(string(pw))
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return e.jobs.KeepPassword(req, key)
}
