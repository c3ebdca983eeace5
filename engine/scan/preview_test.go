package scan

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"coffre/engine/index"
	"coffre/engine/pattern"
)

func leftOut(t *testing.T, root string, o Options) []string {
	t.Helper()
	var got []string
	err := LeftOut(context.Background(), root, o, func(e Entry) bool {
		got = append(got, e.Rel)
		return true
	})
	if err != nil {
		t.Fatal(err)
	}
	return got
}

func TestLeftOut(t *testing.T) {
	root := t.TempDir()
	write(t, root, map[string]string{
		"a/b": "", "a b": "", "httpdocs/cache/x": "1", "httpdocs/cache/y/z": "22", "httpdocs/index.php": "",
		"httpdocs/error.log": "333", "httpdocs/access_log.1.gz": "", "logs/access": "", "sub/tmp/t": "",
		"catalog.php": "", "some/x/logs/1": "", "some/logins": "",
	})
	if err := os.Symlink("/etc/passwd", filepath.Join(root, "sub/tmp.log")); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		patterns string
		logs     bool
		want     []string
	}{
		{"", false, nil},
		{"/httpdocs/cache, **/tmp", false, []string{"httpdocs/cache", "httpdocs/cache/x", "httpdocs/cache/y",
			"httpdocs/cache/y/z", "sub/tmp", "sub/tmp/t"}},
		{"", true, []string{"httpdocs/access_log.1.gz", "httpdocs/error.log", "logs", "logs/access", "sub/tmp.log"}},
		{"/some/*/logs\n/some/log*", false, []string{"some/logins", "some/x/logs", "some/x/logs/1"}},
		{"*/cache", true, []string{"httpdocs/access_log.1.gz", "httpdocs/cache", "httpdocs/cache/x",
			"httpdocs/cache/y", "httpdocs/cache/y/z", "httpdocs/error.log", "logs", "logs/access", "sub/tmp.log"}},
	}
	for _, c := range cases {
		set, err := pattern.Compile(c.patterns)
		if err != nil {
			t.Fatal(err)
		}
		o := Options{Exclude: set, ExcludeLogs: c.logs, LogDirs: []string{"logs"}}
		got := leftOut(t, root, o)
		if !slices.Equal(got, c.want) {
			t.Errorf("%q logs=%v: left out %q, want %q", c.patterns, c.logs, got, c.want)
		}
		// What is left out and what Walk keeps make up the whole tree, in order.
		kept, _ := walk(t, root, o)
		all, _ := walk(t, root, Options{})
		merged := append(rels(kept), got...)
		slices.SortFunc(merged, index.Compare)
		if !slices.Equal(merged, rels(all)) {
			t.Errorf("%q: kept + left out = %q, want %q", c.patterns, merged, rels(all))
		}
	}
}

func TestLeftOutStops(t *testing.T) {
	root := t.TempDir()
	write(t, root, map[string]string{"cache/a": "", "cache/b": "", "cache/c": ""})
	set, _ := pattern.Compile("cache")
	n := 0
	err := LeftOut(context.Background(), root, Options{Exclude: set}, func(Entry) bool { n++; return n < 2 })
	if err != nil || n != 2 {
		t.Errorf("fn called %d times, err %v; want 2 calls", n, err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := LeftOut(ctx, root, Options{Exclude: set}, func(Entry) bool { return true }); err == nil {
		t.Error("a cancelled context gave no error")
	}
}

// Excluded is the rule Walk, LeftOut and the restore's pruning share.
func TestExcluded(t *testing.T) {
	set, err := pattern.Compile("/httpdocs/cache\n**/tmp")
	if err != nil {
		t.Fatal(err)
	}
	logs := Options{Exclude: set, ExcludeLogs: true, LogDirs: []string{"logs", "httpdocs/stats/logs"}}
	noLogs := Options{Exclude: set, LogDirs: logs.LogDirs}
	cases := []struct {
		rel   string
		isDir bool
		logs  bool // excluded with ExcludeLogs
		plain bool // excluded without
	}{
		{"httpdocs/cache", true, true, true},
		{"httpdocs/cache", false, true, true},
		{"a/b/tmp", true, true, true},
		{"httpdocs/index.php", false, false, false},
		{"logs", true, true, false},
		{"logs", false, true, false},
		{"httpdocs/stats/logs", true, true, false},
		{"httpdocs/error.log", false, true, false},
		{"httpdocs/error.log", true, false, false}, // a directory is not judged by its name
		{"httpdocs/access_log.1.gz", false, true, false},
		{"httpdocs/catalog.php", false, false, false},
		{"some/logs", true, false, false}, // not one of the subscription's log directories
	}
	for _, c := range cases {
		if got := logs.Excluded(c.rel, c.isDir); got != c.logs {
			t.Errorf("Excluded(%q, dir %v) with logs = %v, want %v", c.rel, c.isDir, got, c.logs)
		}
		if got := noLogs.Excluded(c.rel, c.isDir); got != c.plain {
			t.Errorf("Excluded(%q, dir %v) without logs = %v, want %v", c.rel, c.isDir, got, c.plain)
		}
	}
	if (Options{}).Excluded("anything.log", false) {
		t.Error("zero Options exclude something")
	}
}
