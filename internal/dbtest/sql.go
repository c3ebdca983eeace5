package dbtest

import (
	"bytes"
	"fmt"
	"os/exec"
	"strconv"
	"strings"
)

// SQL runs script in database db ("" for the server's default) and returns the rows, one a
// line, columns separated by tabs. The password goes in the client's environment: tests only.
func (s *Server) SQL(db, script string) (string, error) {
	var cmd *exec.Cmd
	if s.Engine == "postgres" {
		if db == "" {
			db = "postgres"
		}
		cmd = exec.Command("psql", "-X", "-q", "-A", "-t", "-F", "\t", "-v", "ON_ERROR_STOP=1",
			"-h", "127.0.0.1", "-p", strconv.Itoa(s.Port), "-U", s.User, "-d", db)
		cmd.Env = []string{"PATH=/usr/bin:/bin", "PGPASSWORD=" + Password, "LC_ALL=C.UTF-8"}
	} else {
		args := []string{"--no-defaults", "--protocol=tcp", "-h", "127.0.0.1", "-P", strconv.Itoa(s.Port),
			"-u", s.User, "--batch", "--skip-column-names", "--default-character-set=utf8mb4"}
		if db != "" {
			args = append(args, "-D", db)
		}
		cmd = exec.Command("mariadb", args...)
		cmd.Env = []string{"PATH=/usr/bin:/bin", "MYSQL_PWD=" + Password, "LC_ALL=C.UTF-8"}
	}
	cmd.Stdin = strings.NewReader(script)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("%s: %w: %s", s.Engine, err, errb.String())
	}
	return strings.TrimSpace(out.String()), nil
}
