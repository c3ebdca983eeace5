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
