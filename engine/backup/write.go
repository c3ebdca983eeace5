package backup

import (
	"archive/tar"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"time"

	"coffre/engine/account"
	"coffre/engine/archive"
	"coffre/engine/index"
	"coffre/engine/manifest"
	"coffre/engine/spec"
)

// writeArchive stores the volumes: coffre/manifest.json, config/, files/, mail/, then
// databases/.
func (r *runner) writeArchive(ctx context.Context) error {
	r.prog.phase("archive", true)
	split := int64(r.o.Spec.SplitMB) << 20
	if r.o.Key != nil {
		split = 0 // the protected store cuts the encrypted stream instead
	}
	aw, err := archive.NewWriter(ctx, r.st, archive.Options{Name: r.man.Name, SplitBytes: split, Sealed: r.o.Key != nil})
	if err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	var vols []manifest.Object
	if err = r.writeEntries(ctx, aw); err != nil {
		aw.Abort(err)
	} else {
		vols, err = aw.Close()
	}
	r.written = append(r.written, aw.Started()...)
	if err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	r.man.Volumes = vols
	if err := r.out.w.SetFrames(indexFrames(aw.Frames())); err != nil {
		return fmt.Errorf("backup: index: %w", err)
	}
	return r.out.finish()
}

func (r *runner) writeEntries(ctx context.Context, aw *archive.Writer) error {
	body, err := manifest.Body(r.man)
	if err != nil {
		return err
	}
	if err := writeFile(aw, "coffre/manifest.json", body, r.man.Created); err != nil {
		return err
	}
	if err := r.writeConfig(aw); err != nil {
		return err
	}
	if err := r.writeTrees(ctx, aw); err != nil {
		return err
	}
	if err := r.writeDatabases(ctx, aw); err != nil {
		return err
	}
	return ctx.Err()
}

// writeTrees writes the stored paths of every tree, and the index of the new state to a
// temporary file (stored once the archive is).
func (r *runner) writeTrees(ctx context.Context, aw *archive.Writer) error {
	if r.direct { // nothing of the trees to store: the plan is the index, mailboxes counted
		r.out, r.plan = r.plan, nil
		for i := range r.trees {
			if mb := r.mailboxOf(&r.trees[i]); mb != nil {
				mb.Messages = r.trees[i].messages
			}
		}
		return nil
	}
	out, err := newSpill(r.man.Name, false)
	if err != nil {
		return err
	}
	r.out = out
	fw := &filesWriter{r: r, aw: aw, owners: newOwners(), out: out.w}
	if fw.plan, err = r.plan.open(); err != nil {
		return err
	}
	defer fw.plan.close()
	if fw.src, err = r.reads.open(); err != nil {
		return err
	}
	defer fw.src.close()
	for i := range r.trees {
		if err := fw.tree(ctx, &r.trees[i]); err != nil {
			return err
		}
	}
	return nil
}

// writeConfig writes the account's configuration, limited to the subscriptions backed up: the
// mailboxes only with mail (or configuration only), the databases only with user files and
// databases (or configuration only).
func (r *runner) writeConfig(aw *archive.Writer) error {
	a := r.o.Account
	in := map[string]bool{}
	for _, s := range r.subs {
		in[s.Domain] = true
	}
	files := []struct {
		name string
		v    any
	}{
		{"config/subscriptions.json", r.subs},
		{"config/domains.json", filter(a.Domains, func(d account.Domain) bool { return in[d.Subscription] })},
	}
	sp := r.o.Spec
	if sp.ConfigOnly || sp.Mail {
		files = append(files, struct {
			name string
			v    any
		}{"config/mailboxes.json", filter(a.Mailboxes, func(m account.Mailbox) bool { return in[m.Subscription] })})
	}
	if sp.ConfigOnly || sp.Files {
		files = append(files, struct {
			name string
			v    any
		}{"config/databases.json", filter(a.Databases, func(d account.Database) bool { return in[d.Subscription] })})
	}
	if r.o.Spec.Scope == spec.ScopeAccount {
		files = append([]struct {
			name string
			v    any
		}{{"config/account.json", a.Client}}, files...)
	}
	for _, f := range files {
		b, err := json.MarshalIndent(f.v, "", "  ")
		if err != nil {
			return fmt.Errorf("backup: %s: %w", f.name, err)
		}
		if err := writeFile(aw, f.name, append(b, '\n'), r.man.Created); err != nil {
			return err
		}
	}
	return nil
}

func filter[T any](in []T, keep func(T) bool) []T {
	out := []T{}
	for _, v := range in {
		if keep(v) {
			out = append(out, v)
		}
	}
	return out
}

func writeFile(aw entryWriter, name string, data []byte, mtime time.Time) error {
	h := &tar.Header{Name: name, Typeflag: tar.TypeReg, Mode: 0o600, Size: int64(len(data)), ModTime: mtime}
	if err := aw.WriteHeader(h); err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	if _, err := aw.Write(data); err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	return nil
}

// writeIndex stores N.index.zst: every path kept, with its holder.
func (r *runner) writeIndex(ctx context.Context) error {
	r.prog.phase("index", true)
	name := manifest.IndexName(r.man.Name)
	r.written = append(r.written, name)
	obj, entries, err := putHashed(ctx, r.st, name, func(w io.Writer) (int64, error) {
		_, err := io.Copy(w, r.out.reader())
		return r.w.indexed, err
	})
	if err != nil {
		return fmt.Errorf("backup: index: %w", err)
	}
	r.man.Index, r.man.Entries = obj, entries
	return nil
}

// writeManifest signs and stores the manifest: from then on the backup exists.
func (r *runner) writeManifest(ctx context.Context) error {
	r.prog.phase("manifest", true)
	r.man.Files, r.man.Bytes, r.man.Warnings = r.w.entries, r.bytes, r.warnings
	r.man.Captured = r.captured()
	signed, err := r.seal(ctx)
	if err != nil {
		return err
	}
	b, err := manifest.Sign(signed, r.o.HostKey)
	if err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	name := manifest.ManifestName(r.man.Name)
	r.written = append(r.written, name)
	if _, err := r.o.Storage.Put(ctx, name, bytes.NewReader(b)); err != nil {
		return fmt.Errorf("backup: put manifest: %w", err)
	}
	return nil
}

// putHashed streams what write produces into the object name and returns its size and hash.
func putHashed(ctx context.Context, st archive.Putter, name string, write func(io.Writer) (int64, error)) (manifest.Object, int64, error) {
	pr, pw := io.Pipe()
	h := sha256.New()
	done := make(chan error, 1)
	var stored int64
	go func() {
		n, err := st.Put(ctx, name, pr)
		stored = n
		pr.CloseWithError(fmt.Errorf("storage stopped reading"))
		done <- err
	}()
	cw := &countWriter{w: io.MultiWriter(pw, h)}
	count, err := write(cw)
	pw.CloseWithError(err)
	if perr := <-done; perr != nil {
		err = perr // the storage's failure is the cause; a write error then only follows from it
	}
	if err == nil && stored != cw.n {
		err = fmt.Errorf("stored %d bytes of %d", stored, cw.n)
	}
	return manifest.Object{Name: name, Size: cw.n, SHA256: hex.EncodeToString(h.Sum(nil))}, count, err
}

type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	k, err := c.w.Write(p)
	c.n += int64(k)
	return k, err
}

// indexFrames is the archive's frame table as the index records it.
func indexFrames(fs []archive.Frame) []index.Frame {
	out := make([]index.Frame, len(fs))
	for i, f := range fs {
		out[i] = index.Frame{Raw: f.Raw, Comp: f.Comp, Sum: f.Sum}
	}
	return out
}
