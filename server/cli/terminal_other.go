//go:build !linux

package cli

import (
	"errors"
	"io"
)

func isTerminal(io.Reader) bool { return false }

func promptHidden(Env, string) (string, error) { return "", errors.New("no terminal support") }
