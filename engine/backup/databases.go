package backup

import (
	"archive/tar"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"coffre/engine/account"
	"coffre/engine/dump"
	"coffre/engine/manifest"
	"coffre/engine/progress"
)

// DefaultDumpPart is the size of a dump's parts (Options.DumpPart): a dump that fits is one
// archive entry (databases/<domain>/<name>.sql); a larger one becomes entries of this size,
// <name>.sql.001, .002, ... that `cat` puts back together. At most two parts are in memory;
// small parts let the compression run beside the dump tool (measured: 4 MiB parts took about
// 0.6 of the time of 16 MiB ones on a 57 MB dump).
const DefaultDumpPart = 4 << 20

// chooseDatabases returns the databases of subs, by subscription then name.
func chooseDatabases(a account.Account, subs []account.Subscription) []account.Database {
	var out []account.Database
	for _, d := range a.Databases {
		if slices.ContainsFunc(subs, func(s account.Subscription) bool { return s.Domain == d.Subscription }) {
			out = append(out, d)
		}
	}
	slices.SortFunc(out, func(a, b account.Database) int {
		if c := strings.Compare(a.Subscription, b.Subscription); c != 0 {
			return c
		}
		return strings.Compare(a.Name, b.Name)
	})
	return out
}

// entryWriter is the part of the archive writer the dumps use.
type entryWriter interface {
	WriteHeader(*tar.Header) error
	Write([]byte) (int, error)
}

// writeDatabases dumps every database of the backed-up subscriptions, whole, into the archive.
// A database that cannot be dumped (no tool, refused login, failed dump) is a warning that
// names it with the tool's message, recorded in the manifest in place of its dump; the backup
// goes on. Only a failure to write the archive stops it.
func (r *runner) writeDatabases(ctx context.Context, aw entryWriter) error {
	if !r.content().Databases {
		return nil
	}
	for _, db := range chooseDatabases(r.o.Account, r.subs) {
		rec, err := r.dumpOne(ctx, aw, db)
		if err != nil {
			return err
		}
		r.dbs = append(r.dbs, rec)
	}
	return nil
}

func (r *runner) dumpOne(ctx context.Context, aw entryWriter, db account.Database) (manifest.Database, error) {
	name := "databases/" + db.Subscription + "/" + db.Name + dump.Ext(db.Engine)
	rec := manifest.Database{Subscription: db.Subscription, Name: db.Name, Engine: db.Engine}
	r.prog.p.Current = name
	r.prog.send(true)
	pw, err := r.o.Secret(db)
	var size int64
	parts := newPartWriter(aw, name, r.man.Created, r.o.DumpPart)
	if err == nil {
		size, err = dump.Dump(ctx, dump.Source{DB: db, Password: pw}, parts)
	}
	if werr := parts.finish(err == nil && ctx.Err() == nil); werr != nil {
		return rec, werr // the archive failed: the backup cannot go on
	}
	if ctx.Err() != nil {
		return rec, ctx.Err()
	}
	if err != nil {
		rec.Warning = err.Error()
		if parts.parts > 0 { // declared, so that verify and restore accept (and skip) them
			rec.Path, rec.Parts, rec.Size = name, parts.parts, int64(parts.parts)*int64(parts.part)
		}
		return rec, r.dumpFailed(parts, name, err)
	}
	rec.Path, rec.Parts, rec.Size = name, parts.parts, size
	r.o.Log.Info("backup: database dumped", "database", db.Name, "engine", db.Engine, "bytes", size)
	return rec, nil
}

// dumpFailed warns about a database that was not dumped; parts of it already in the archive
// are followed by a note that says they are incomplete.
func (r *runner) dumpFailed(pw *partWriter, name string, err error) error {
	r.warnings++
	r.skipped = append(r.skipped, name)
	r.o.Warn(Warning{Path: name, Code: progress.DatabaseNotDumped, Err: err.Error()})
	r.o.Log.Warn("backup: database not dumped", "path", name, "err", err)
	if pw.parts == 0 {
		return nil
	}
	note := fmt.Sprintf("The dump of this database failed; its parts in this archive are incomplete: %s\n", err)
	return writeFile(pw.aw, name+".incomplete", []byte(note), pw.mtime)
}

// noSecret is the default Options.Secret: no database has a password.
func noSecret(d account.Database) (string, error) {
	if d.HasPassword {
		return "", errors.New("no password store to read its password from")
	}
	return "", nil
}
