package main

import (
	"fmt"
	"path/filepath"
	"strings"

	"coffre/internal/corpus"
)

// tree is one tree the steps run on: a client's webspaces, one folder per subscription.
type tree struct {
	name  string   // "corpus" or "small": the first part of a result's key
	dir   string   // holds one folder per site
	sites []string // the subscriptions' domains, folders of dir
	about string   // what the tree holds, for the report
	// ensure makes dir hold the tree (generated once, then kept); it undoes change.
	ensure func() error
	// change alters about 1% of the tree for the changed-incremental step; nil: no such step.
	change func() (string, error)
}

// trees returns the trees cfg.trees names, under the work folder dir.
func trees(cfg config, dir string) ([]*tree, error) {
	var out []*tree
	for _, name := range strings.Split(cfg.trees, ",") {
		switch strings.TrimSpace(name) {
		case "corpus":
			out = append(out, corpusTree(cfg, filepath.Join(dir, "corpus")))
		case "small":
			out = append(out, smallTree(cfg, filepath.Join(dir, fmt.Sprintf("small-%d", cfg.small))))
		default:
			return nil, fmt.Errorf("unknown tree %q: corpus or small", name)
		}
	}
	return out, nil
}

// corpusTree is internal/corpus: four webspaces of code, media, logs and mail.
func corpusTree(cfg config, dir string) *tree {
	st := corpus.Describe(cfg.scale, cfg.seed)
	return &tree{name: "corpus", dir: dir, sites: corpus.Sites,
		about: fmt.Sprintf("corpus of %s in %d files (scale %g, seed %d)", mb(st.Bytes), st.Files, cfg.scale, cfg.seed),
		ensure: func() error {
			_, err := corpus.Ensure(dir, cfg.scale, cfg.seed)
			return err
		},
		change: func() (string, error) {
			st, err := corpus.Change(dir, cfg.scale, cfg.seed)
			return fmt.Sprintf("%+v", st), err
		}}
}

// smallTree is one webspace of cfg.small small files (smallfiles.go).
func smallTree(cfg config, dir string) *tree {
	return &tree{name: "small", dir: dir, sites: []string{smallSite},
		about:  fmt.Sprintf("%d small files (%s)", cfg.small, mb(smallBytes(cfg.small))),
		ensure: func() error { return ensureSmall(dir, cfg.small) }}
}
