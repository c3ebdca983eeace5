package cli

import (
	"fmt"

	"coffre/engine/protect"
	"coffre/server/tasks"
)

// passwordFileFlag adds --password-file to a command that writes or reads a backup.
func passwordFileFlag(f *flags) *string {
	return f.String("password-file", "", "the backup password: the first line of this file (protects a backup; needed to read a protected one)")
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
