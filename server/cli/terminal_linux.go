package cli

import (
	"fmt"
	"os"

	"golang.org/x/sys/unix"
)

// isTerminal reports whether v (a reader or writer of Env) is a terminal.
func isTerminal(v any) bool {
	f, ok := v.(*os.File)
	if !ok {
		return false
	}
	_, err := unix.IoctlGetTermios(int(f.Fd()), unix.TCGETS)
	return err == nil
}

// promptHidden asks on stderr and reads a line from the terminal without echo.
func promptHidden(env Env, prompt string) (string, error) {
	fd := int(env.Stdin.(*os.File).Fd())
	old, err := unix.IoctlGetTermios(fd, unix.TCGETS)
	if err != nil {
		return "", fmt.Errorf("read password: %w", err)
	}
	quiet := *old
	quiet.Lflag &^= unix.ECHO
	if err := unix.IoctlSetTermios(fd, unix.TCSETS, &quiet); err != nil {
		return "", fmt.Errorf("read password: %w", err)
	}
	defer unix.IoctlSetTermios(fd, unix.TCSETS, old)
	fmt.Fprint(env.Stderr, prompt)
	line, err := readLine(env.Stdin)
	fmt.Fprintln(env.Stderr)
	return line, err
}
