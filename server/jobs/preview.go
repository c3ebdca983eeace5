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
// its bytes once), and the first PreviewPaths paths left out ("<domain>/<rel>"; a directory
// stands for its subtree, whose paths follow it).
type PreviewResult struct {
	Files     int64    `json:"files"`
	Bytes     int64    `json:"bytes"`
	Paths     []string `json:"paths"`
	Truncated bool     `json:"truncated"` // more paths were left out than listed
}

// Preview says what b's exclusions (ExcludeLogs and Exclude) would leave out of the webspaces
// of b's subscriptions (all of the client's when none), without backing anything up. Only the
// fields that matter are checked (a Refusal names them); the rest of the form may be unfinished.
// One preview runs at a time; each is bounded by PreviewTimeout and ctx.
func (j *Jobs) Preview(ctx context.Context, b spec.Backup) (PreviewResult, error) {
	res := PreviewResult{Paths: []string{}}
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
	for _, s := range a.Subscriptions {
		o := scan.Options{Exclude: set, ExcludeLogs: b.ExcludeLogs, LogDirs: s.Logs}
		if err := scan.LeftOut(ctx, s.Root, o, res.add(s.Domain)); err != nil {
			if errors.Is(err, context.DeadlineExceeded) {
				err = ErrPreviewTimeout
			}
			return res, fmt.Errorf("preview %s: %w", s.Domain, err)
		}
	}
	return res, nil
}

// add returns the LeftOut callback that counts the entries of one subscription.
func (res *PreviewResult) add(domain string) func(scan.Entry) bool {
	return func(e scan.Entry) bool {
		switch e.Type {
		case index.File:
			res.Files++
			res.Bytes += e.Size
		case index.Hardlink:
			res.Files++
		}
		if len(res.Paths) < PreviewPaths {
			res.Paths = append(res.Paths, domain+"/"+e.Rel)
		} else {
			res.Truncated = true
		}
		return true
	}
}
