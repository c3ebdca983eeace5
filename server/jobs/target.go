package jobs

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// ErrTarget is wrapped by the refusal of a restore target.
var ErrTarget = errors.New("restore target refused")

// CheckTarget checks the directory a restore of client login writes into when it does not
// restore in place (to is "" for in place). Only the administrator chooses one, on the host: it
// must be an absolute path, and once its symbolic links are resolved it may be anywhere except
// inside or around another client's webspace, or inside or around Coffre's data directory
// (a webspace of this client that lies there excepted).
func (j *Jobs) CheckTarget(login, to string) error {
	if to == "" {
		return nil
	}
	if !filepath.IsAbs(to) {
		return fmt.Errorf("%w: %q is not an absolute path", ErrTarget, to)
	}
	real, err := resolve(filepath.Clean(to))
	if err != nil {
		return fmt.Errorf("%w: %w", ErrTarget, err)
	}
	subs, err := j.st.Subscriptions("")
	if err != nil {
		return err
	}
	own := false
	for _, s := range subs {
		root := resolveOr(s.Root)
		if s.Client == login {
			own = own || within(root, real)
			continue
		}
		if within(root, real) || within(real, root) {
			return fmt.Errorf("%w: %s overlaps the webspace %s of subscription %s, which is another client's",
				ErrTarget, to, s.Root, s.Domain)
		}
	}
	return j.checkData(to, real, own)
}

func (j *Jobs) checkData(to, real string, own bool) error {
	data := resolveOr(j.st.Dir())
	if within(real, data) || within(data, real) && !own {
		return fmt.Errorf("%w: %s overlaps Coffre's data directory %s", ErrTarget, to, data)
	}
	return nil
}

// resolve resolves the symbolic links of the longest part of p that exists; the rest, to be
// created by the restore, is appended as is.
func resolve(p string) (string, error) {
	rest := ""
	for {
		real, err := filepath.EvalSymlinks(p)
		if err == nil {
			return filepath.Join(real, rest), nil
		}
		if !errors.Is(err, os.ErrNotExist) {
			return "", err
		}
		parent := filepath.Dir(p)
		if parent == p {
			return "", err
		}
		rest = filepath.Join(filepath.Base(p), rest)
		p = parent
	}
}

func resolveOr(p string) string {
	if real, err := resolve(p); err == nil {
		return real
	}
	return p
}

// within reports whether p is base or inside it.
func within(base, p string) bool {
	rel, err := filepath.Rel(base, p)
	return err == nil && (rel == "." || filepath.IsLocal(rel))
}
