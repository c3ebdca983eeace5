package restore

import (
	"errors"
	"slices"
	"testing"

	"coffre/engine/extract"
	"coffre/engine/manifest"
	"coffre/engine/spec"
)

func TestSelection(t *testing.T) {
	m := manifest.Manifest{Subscriptions: []string{"a.example", "b.example"}}
	tests := []struct {
		name  string
		req   spec.Restore
		in    []string
		out   []string
		tops  []string
		unmet []string
	}{
		{"everything", spec.Restore{},
			[]string{"files/a.example", "files/a.example/x", "files/b.example/y"}, []string{"config/account.json", "files"},
			[]string{"files/a.example", "files/b.example"}, nil},
		{"one subscription", spec.Restore{Subscriptions: []string{"b.example"}},
			[]string{"files/b.example", "files/b.example/y"}, []string{"files/a.example/x", "files/b.example.org/y"},
			[]string{"files/b.example"}, nil},
		{"a path takes its subtree", spec.Restore{Paths: []string{"/httpdocs/wp-content/"}},
			[]string{"files/a.example/httpdocs/wp-content", "files/a.example/httpdocs/wp-content/x/y"},
			[]string{"files/a.example", "files/a.example/httpdocs", "files/a.example/httpdocs/wp-content2", "files/a.example/httpdocs/wp"},
			[]string{"files/a.example/httpdocs/wp-content", "files/b.example/httpdocs/wp-content"}, nil},
		{"a path not found", spec.Restore{Paths: []string{"httpdocs", "nope"}},
			[]string{"files/a.example/httpdocs"}, nil, nil, []string{"nope"}},
		{"the root as a path", spec.Restore{Paths: []string{"/"}},
			[]string{"files/a.example"}, nil, []string{"files/a.example", "files/b.example"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := newSelection(tt.req, m)
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range tt.in {
				if !s.match(p) {
					t.Errorf("%q not selected", p)
				}
			}
			for _, p := range tt.out {
				if s.match(p) {
					t.Errorf("%q selected", p)
				}
			}
			if tt.tops != nil && !slices.Equal(s.tops(), tt.tops) {
				t.Errorf("tops = %q, want %q", s.tops(), tt.tops)
			}
			if !slices.Equal(s.missing(), tt.unmet) {
				t.Errorf("missing = %q, want %q", s.missing(), tt.unmet)
			}
		})
	}
}

func TestSelectionRefuses(t *testing.T) {
	m := manifest.Manifest{Subscriptions: []string{"a.example"}}
	if _, err := newSelection(spec.Restore{Subscriptions: []string{"z.example"}}, m); !errors.Is(err, errNoFiles) {
		t.Errorf("unknown subscription: %v", err)
	}
	for _, p := range []string{"../x", "a/../../x", "a\x00"} {
		if _, err := newSelection(spec.Restore{Paths: []string{p}}, m); !errors.Is(err, extract.ErrUnsafe) {
			t.Errorf("path %q: %v, want ErrUnsafe", p, err)
		}
	}
}

func TestDestPaths(t *testing.T) {
	in := &dest{prefix: "files/a.example"}
	to := &dest{}
	for _, c := range []struct {
		d         *dest
		arch, rel string
	}{
		{in, "files/a.example", "."},
		{in, "files/a.example/httpdocs/x", "httpdocs/x"},
		{to, "files/a.example", "files/a.example"},
		{to, "files/a.example/x", "files/a.example/x"},
	} {
		if got := c.d.rel(c.arch); got != c.rel {
			t.Errorf("rel(%q) = %q, want %q", c.arch, got, c.rel)
		}
		if got := c.d.archivePath(c.rel); got != c.arch {
			t.Errorf("archivePath(%q) = %q, want %q", c.rel, got, c.arch)
		}
	}
}
