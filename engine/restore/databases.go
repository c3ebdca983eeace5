package restore

import (
	"archive/tar"
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"coffre/engine/account"
	"coffre/engine/archive"
	"coffre/engine/dump"
	"coffre/engine/extract"
)

// ErrDatabaseExists is wrapped when a restore would replace databases without Overwrite.
var ErrDatabaseExists = dump.ErrExists

// target is where a chosen database is loaded in place.
func (r *run) target(c dbChoice) (dump.Target, error) {
	for _, d := range r.o.Account.Databases {
		if d.Subscription == c.rec.Subscription && d.Name == c.rec.Name {
			if d.Engine != c.rec.Engine {
				return dump.Target{}, fmt.Errorf("database %s: the backup holds a %s dump, the account declares %s", d.Name, c.rec.Engine, d.Engine)
			}
			pw, err := r.o.Secret(d)
			if err != nil {
				return dump.Target{}, fmt.Errorf("database %s: password: %w", d.Name, err)
			}
			return dump.Target{Source: dump.Source{DB: d, Password: pw}, As: c.as, Overwrite: r.o.Spec.Overwrite,
				New: c.as != "" && !r.declared(d, c.as)}, nil
		}
	}
	return dump.Target{}, fmt.Errorf("database %s of %s is in the backup but not in the account", c.rec.Name, c.rec.Subscription)
}

// declared reports whether name is a database of d's subscription, with d's engine.
func (r *run) declared(d account.Database, name string) bool {
	return slices.ContainsFunc(r.o.Account.Databases, func(o account.Database) bool {
		return o.Subscription == d.Subscription && o.Engine == d.Engine && o.Name == name
	})
}

// checkDatabases says, before anything is written, which databases a restore in place would
// replace: without Overwrite that refuses the restore.
func (r *run) checkDatabases(ctx context.Context) error {
	if r.o.Spec.To != "" {
		return nil
	}
	var exist []string
	for _, c := range r.sel.dbs {
		t, err := r.target(c)
		if err != nil {
			return err
		}
		ok, err := dump.Exists(ctx, t)
		if err != nil {
			return fmt.Errorf("database %s: %w", c.name(), err)
		}
		if ok && t.New {
			return fmt.Errorf("%w: %s is not a database of subscription %s: restore under a free name",
				ErrDatabaseExists, c.name(), c.rec.Subscription)
		}
		if ok {
			exist = append(exist, c.name())
			r.o.Log.Info("restore: database exists and will be replaced", "database", c.name(), "confirmed", r.o.Spec.Overwrite)
		}
	}
	if len(exist) > 0 && !r.o.Spec.Overwrite {
		return fmt.Errorf("%w: %s; restoring replaces it: confirm with --overwrite, or restore under a new name",
			ErrDatabaseExists, strings.Join(exist, ", "))
	}
	return nil
}

// restoreDatabases reads the backup's archive once more and loads each chosen dump: into the
// database (in place), or as a file databases/<domain>/<name>.sql under To.
func (r *run) restoreDatabases(ctx context.Context) ([]string, error) {
	if len(r.sel.dbs) == 0 {
		return nil, nil
	}
	r.prog.phase("databases")
	m := r.c.target()
	ar, err := archive.NewReader(ctx, r.o.Storage, m.Volumes, archive.Limits{Checked: true})
	if err != nil {
		return nil, err
	}
	defer ar.Close()
	want := map[string]dbChoice{}
	for _, c := range r.sel.dbs {
		want[c.rec.Path] = c
	}
	var done []string
	for len(want) > 0 {
		h, err := ar.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return done, fmt.Errorf("read %s: %w", m.Name, err)
		}
		c, ok := want[strings.TrimSuffix(h.Name, ".001")]
		if !ok || c.rec.Parts == 0 && h.Name != c.rec.Path || c.rec.Parts > 0 && h.Name != c.rec.Path+".001" {
			continue
		}
		delete(want, c.rec.Path)
		body := &parts{ar: ar, base: c.rec.Path, n: c.rec.Parts, cur: 1}
		if err := r.loadOne(ctx, c, h, body); err != nil {
			return done, err
		}
		done = append(done, c.name())
	}
	for p := range want {
		return done, fmt.Errorf("%s is missing from the archive of %s: %w", p, m.Name, ErrIndex)
	}
	return done, nil
}

func (r *run) loadOne(ctx context.Context, c dbChoice, h *tar.Header, body io.Reader) error {
	r.prog.add(0, 0, c.rec.Path)
	if r.o.Spec.To != "" {
		return r.dumpFile(ctx, c, h, body)
	}
	t, err := r.target(c)
	if err != nil {
		return err
	}
	if err := dump.Load(ctx, t, body); err != nil {
		return fmt.Errorf("database %s: %w", c.name(), err)
	}
	r.o.Log.Info("restore: database loaded", "database", c.rec.Name, "as", c.name())
	return nil
}

// dumpFile writes a dump whole (its parts put together) under To.
func (r *run) dumpFile(ctx context.Context, c dbChoice, h *tar.Header, body io.Reader) error {
	root, err := openTarget(r.o.Account, r.o.Spec.To, true) // as every --to write: no link followed
	if err != nil {
		return err
	}
	defer root.Close()
	w, err := extract.NewAt(root, extract.Options{})
	if err != nil {
		return err
	}
	name := "databases/" + c.rec.Subscription + "/" + c.name() + dump.Ext(c.rec.Engine)
	hdr := &tar.Header{Name: name, Typeflag: tar.TypeReg, Mode: 0o600, Size: c.rec.Size, ModTime: h.ModTime}
	err = w.Entry(ctx, hdr, body)
	return errors.Join(err, w.Close())
}

// parts reads a dump stored as numbered entries (<path>.001 ...) as one stream.
type parts struct {
	ar   *archive.Reader
	base string
	n    int // 0: a single entry
	cur  int
}

func (p *parts) Read(b []byte) (int, error) {
	for {
		k, err := p.ar.Read(b)
		if err != io.EOF || p.n == 0 || p.cur >= p.n {
			return k, err
		}
		if k > 0 {
			return k, nil
		}
		h, err := p.ar.Next()
		p.cur++
		if err != nil || h.Name != fmt.Sprintf("%s.%03d", p.base, p.cur) {
			return 0, fmt.Errorf("part %d of %s missing from the archive: %w", p.cur, p.base, ErrIndex)
		}
	}
}
