package jobs

import (
	"context"
	"errors"
	"fmt"
	"time"

	"coffre/engine/index"
	"coffre/engine/pattern"
	"coffre/engine/scan"
	"coffre/engine/spec"
)

// Preview bounds: the paths listed, and the time one preview may take.
const (
	PreviewPaths   = 50
	PreviewTimeout = 20 * time.Second
)

// ErrPreviewTimeout says that the webspaces were too large to preview within PreviewTimeout.
var ErrPreviewTimeout = errors.New("the webspaces are too large to preview in time")

// PreviewResult is what the exclusions of a backup request would leave out of the client's
// webspaces: regular files and their bytes (a hard-linked file counted at each of its names,
// its bytes once), directories, and the first PreviewPaths paths left out ("<domain>/<rel>",
// a directory's ending in "/": it stands for its subtree, whose paths follow it). Unmatched
// are the patterns, as typed, that leave nothing out: most likely mistyped.
type PreviewResult struct {
	Files     int64    `json:"files"`
	Dirs      int64    `json:"dirs"`
	Bytes     int64    `json:"bytes"`
	Paths     []string `json:"paths"`
	Truncated bool     `json:"truncated"` // more paths were left out than listed
	Unmatched []string `json:"unmatched"`
}

// Preview says what b's exclusions (ExcludeLogs and Exclude) would leave out of the webspaces
// of b's subscriptions (all of the client's when none), without backing anything up. Only the
// fields that matter are checked (a Refusal names them); the rest of the form may be unfinished.
// One preview runs at a time; each is bounded by PreviewTimeout and ctx.
func (j *Jobs) Preview(ctx context.Context, b spec.Backup) (PreviewResult, error) {
	res := PreviewResult{Paths: []string{}, Unmatched: []string{}}
	ex := spec.Backup{Client: b.Client, Scope: spec.ScopeWebsites, Files: true, Storage: spec.StorageServer,
		Subscriptions: b.Subscriptions, ExcludeLogs: b.ExcludeLogs, Exclude: b.Exclude}
	if err := ex.Validate(); err != nil {
		return res, refusal(false, err)
	}
	if _, err := j.ownSubscriptions(b.Client, b.Subscriptions); err != nil {
		return res, err
	}
	set, err := pattern.Compile(b.Exclude)
	if err != nil {
		return res, refusal(false, err)
	}
	a, err := j.account(b.Client, b.Subscriptions)
	if err != nil {
		return res, err
	}
	select {
	case j.previewSlot <- struct{}{}:
		defer func() { <-j.previewSlot }()
	case <-ctx.Done():
		return res, ctx.Err()
	}
	ctx, cancel := context.WithTimeout(ctx, PreviewTimeout)
	defer cancel()
	pats := eachPattern(b.Exclude)
	for _, s := range a.Subscriptions {
		o := scan.Options{Exclude: set, ExcludeLogs: b.ExcludeLogs, LogDirs: s.Logs}
		if err := scan.LeftOut(ctx, s.Root, o, res.add(s.Domain, pats)); err != nil {
			if errors.Is(err, context.DeadlineExceeded) {
				err = ErrPreviewTimeout
			}
			return res, fmt.Errorf("preview %s: %w", s.Domain, err)
		}
	}
	for _, p := range pats {
		if !p.matched {
			res.Unmatched = append(res.Unmatched, p.text)
		}
	}
	return res, nil
}

// onePattern is one exclusion pattern as typed, compiled alone, and whether it left anything out.
type onePattern struct {
	text    string
	set     *pattern.Set
	matched bool
}

// eachPattern compiles each pattern of text alone (text was compiled whole without error).
func eachPattern(text string) []*onePattern {
	var out []*onePattern
	for _, entry := range pattern.Split(text) {
		if set, err := pattern.Compile(entry); err == nil {
			out = append(out, &onePattern{text: entry, set: set})
		}
	}
	return out
}

// add returns the LeftOut callback that counts the entries of one subscription, and marks the
// patterns that leave each out.
func (res *PreviewResult) add(domain string, pats []*onePattern) func(scan.Entry) bool {
	return func(e scan.Entry) bool {
		path := domain + "/" + e.Rel
		switch e.Type {
		case index.File:
			res.Files++
			res.Bytes += e.Size
		case index.Hardlink:
			res.Files++
		case index.Dir:
			res.Dirs++
			path += "/"
		}
		for _, p := range pats {
			p.matched = p.matched || p.set.Match(e.Rel)
		}
		if len(res.Paths) < PreviewPaths {
			res.Paths = append(res.Paths, path)
		} else {
			res.Truncated = true
		}
		return true
	}
}
