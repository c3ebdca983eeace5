package cli

import (
	"context"
	"errors"
	"fmt"

	"coffre/server/auth"
	"coffre/server/store"
)

func init() {
	register(&command{name: "admin password", usage: "  (the new password on stdin)",
		summary: "Set the administrator's password (login admin).", run: adminPassword})
}

func adminPassword(_ context.Context, env Env, args []string) error {
	f := newFlags(env, "admin password")
	if _, err := f.parse(args, 0); err != nil {
		return err
	}
	st, err := f.store()
	if err != nil {
		return err
	}
	pw, err := readNewPassword(env, store.AdminLogin)
	if err != nil {
		return err
	}
	if err := auth.SetPassword(st, store.AdminLogin, pw); err != nil {
		return err
	}
	fmt.Fprintln(env.Stdout, "password of admin set; sessions opened before are closed")
	return nil
}

// readNewPassword reads a new password from stdin: one line. On a terminal it asks twice
// without echo.
func readNewPassword(env Env, login string) (string, error) {
	if !isTerminal(env.Stdin) {
		pw, err := readLine(env.Stdin)
		if err != nil {
			return "", fmt.Errorf("read password: %w", err)
		}
		if pw == "" {
			return "", errors.New("no password on stdin")
		}
		return pw, auth.ValidatePassword(pw)
	}
	pw, err := promptHidden(env, "New password for "+login+": ")
	if err != nil {
		return "", err
	}
	if err := auth.ValidatePassword(pw); err != nil {
		return "", err
	}
	again, err := promptHidden(env, "Again: ")
	if err != nil {
		return "", err
	}
	if again != pw {
		return "", errors.New("the two passwords differ")
	}
	return pw, nil
}
