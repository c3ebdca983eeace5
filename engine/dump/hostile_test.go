package dump

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A dump is made from what a client put in its database, and a backup may come from another
// host: whatever it holds, loading it never runs a client command (a shell, a file read or
// written by the client program) as Coffre's user.
func TestLoadRunsNoClientCommand(t *testing.T) {
	for _, s := range []struct {
		srv   string
		lines []string
	}{
		{"postgres", []string{`\! touch %s`, `\o %s`, `\copy (SELECT 1) TO '%s'`, "SELECT 1;\n\\! touch %s",
			"\\restrict abc\nSELECT 1;\n\\unrestrict abc\n\\! touch %s", "\\unrestrict \n\\! touch %s", "\\connect postgres\n\\! touch %s",
			"--\n\\restrict abc\nCREATE TABLE t (id int);\n\\unrestrict abc\n\\! touch %s\n"}},
		{"mysql", []string{`\! touch %s`, `system touch %s`, `tee %s`, "SELECT 1;\n\\! touch %s"}},
	} {
		srv := pg
		if s.srv == "mysql" {
			srv = my
		}
		for i, line := range s.lines {
			t.Run(s.srv, func(t *testing.T) {
				mark := filepath.Join(t.TempDir(), "owned")
				dump := "CREATE TABLE t (id int);\n" + strings.ReplaceAll(line, "%s", mark) + "\nCREATE TABLE u (id int);\n"
				if strings.HasPrefix(line, "--") { // a whole dump, with its own restrict key
					dump = strings.ReplaceAll(line, "%s", mark)
				}
				name := "hostile" + string(rune('a'+i))
				err := Load(context.Background(), Target{Source: source(srv, "x"), As: name}, strings.NewReader(dump))
				if _, serr := os.Stat(mark); serr == nil {
					t.Fatalf("%q ran: %s exists (load: %v)", line, mark, err)
				}
				if err == nil {
					t.Fatalf("%q: loaded without an error", line)
				}
			})
		}
	}
}
