//go:build !linux

package cli

import (
	"errors"
)

func isTerminal(any) bool { return false }

func promptHidden(Env, string) (string, error) { return "", errors.New("no terminal support") }
