package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// benchClient is the client whose subscriptions are a tree's sites.
const benchClient = "bench"

// coffre runs the Coffre binary on one data directory, as an administrator or cron job does.
type coffre struct {
	bin  string
	data string
}

// cmd is `coffre ARGS --data DATA`. GOMEMLIMIT is left as the user has it (unset: the
// binary's own soft limit).
func (c coffre) cmd(args ...string) *exec.Cmd {
	return exec.Command(c.bin, append(args, "--data", c.data)...)
}

// run runs a set-up command, not measured.
func (c coffre) run(args ...string) error {
	var out bytes.Buffer
	cmd := c.cmd(args...)
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("coffre %s: %w: %s", strings.Join(args, " "), err, out.String())
	}
	return nil
}

// setUp makes a fresh data directory with the bench client, one subscription per site of t.
func setUp(bin, data string, t *tree) (coffre, error) {
	c := coffre{bin: bin, data: data}
	if err := os.RemoveAll(data); err != nil {
		return c, err
	}
	if err := c.run("client", "add", benchClient, "--name", "Bench"); err != nil {
		return c, err
	}
	for _, s := range t.sites {
		args := []string{"subscription", "add", s, "--client", benchClient, "--root", filepath.Join(t.dir, s)}
		if _, err := os.Stat(filepath.Join(t.dir, s, "logs")); err == nil {
			args = append(args, "--logs", "logs")
		}
		if err := c.run(args...); err != nil {
			return c, err
		}
	}
	return c, nil
}

// backupTask is what `coffre backup --json` prints of the task: its result.
type backupTask struct {
	Status string `json:"status"`
	Result struct {
		Entry struct {
			Name  string `json:"name"`
			Type  string `json:"type"`
			Files int64  `json:"files"`
		} `json:"entry"`
	} `json:"result"`
}

// backup measures `coffre backup bench --json [args]`; it returns the backup's name.
func (c coffre) backup(args ...string) (measure, string) {
	var out bytes.Buffer
	settle()
	m := pipeline(&out, c.cmd(append([]string{"backup", benchClient, "--json"}, args...)...))
	var t backupTask
	if m.Err == nil {
		m.Err = json.Unmarshal(out.Bytes(), &t)
	}
	name := t.Result.Entry.Name
	if m.Err == nil && name == "" {
		m.Err = fmt.Errorf("coffre backup: task %s, no backup named", t.Status)
	}
	if m.Err == nil {
		m.Output = c.stored(name)
		m.Note = fmt.Sprintf("%s, %d files stored", t.Result.Entry.Type, t.Result.Entry.Files)
	}
	return m, name
}

// stored sums the sizes of backup name's objects in the server storage: volumes, index and
// manifest.
func (c coffre) stored(name string) int64 {
	var n int64
	filepath.WalkDir(filepath.Join(c.data, "storage", benchClient), func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() && strings.HasPrefix(d.Name(), name+".") {
			if info, err := d.Info(); err == nil {
				n += info.Size()
			}
		}
		return nil
	})
	return n
}

// restore measures `coffre restore bench NAME --to DST` into a fresh folder.
func (c coffre) restore(name, dst string) measure {
	if name == "" {
		return measure{Err: fmt.Errorf("no full backup to restore")}
	}
	settle()
	m := pipeline(nil, c.cmd("restore", benchClient, name, "--to", dst))
	if m.Err == nil {
		m.Output, m.Note = treeSummary(dst)
	}
	return m
}

// treeSummary returns the bytes of the regular files under dir, and says how many there are.
func treeSummary(dir string) (int64, string) {
	var n, files int64
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			if info, err := d.Info(); err == nil {
				n, files = n+info.Size(), files+1
			}
		}
		return nil
	})
	return n, fmt.Sprintf("%d files restored", files)
}
