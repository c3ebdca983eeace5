package roundtrip

import (
	"archive/tar"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"sort"
	"testing"
	"time"

	"coffre/engine/archive"
	"coffre/engine/index"
	"coffre/engine/manifest"
)

// crafted is one path of a hand-made backup: listed in its index, and, when held by the backup
// itself, in its archive (under TarName when set, else Path).
type crafted struct {
	index.Entry
	Body    string
	TarName string
	NoTar   bool              // listed in the index only
	NoIndex bool              // in the archive only
	Tar     func(*tar.Header) // changes the archive's header, when set
}

// craft stores a backup made by hand, signed with e's host key, as a hostile or buggy writer
// could: nothing is checked.
func (e *env) craft(name, parent string, subs []string, entries []crafted) {
	e.t.Helper()
	ctx := context.Background()
	m := manifest.Manifest{Format: manifest.Format, Name: name, Client: client, Type: manifest.Full,
		Parent: parent, Created: e.now, Spec: e.spec(parent != ""), Subscriptions: subs,
		Entries: int64(len(entries))}
	for _, c := range entries {
		if c.NoIndex {
			m.Entries--
		}
	}
	if parent != "" {
		m.Type = manifest.Incremental
	}
	aw, err := archive.NewWriter(ctx, e.st, archive.Options{Name: name})
	must(e.t, err)
	body, err := manifest.Body(m)
	must(e.t, err)
	must(e.t, aw.WriteHeader(&tar.Header{Name: "coffre/manifest.json", Typeflag: tar.TypeReg, Mode: 0o644, Size: int64(len(body))}))
	_, err = aw.Write(body)
	must(e.t, err)
	for _, c := range entries {
		if c.Holder == "" {
			c.Holder = name
		}
		if c.Holder != name || c.NoTar {
			continue
		}
		must(e.t, aw.WriteHeader(c.header()))
		_, err := aw.Write([]byte(c.Body))
		must(e.t, err)
		m.Files++
		m.Bytes += int64(len(c.Body))
	}
	m.Volumes, err = aw.Close()
	must(e.t, err)
	m.Index = e.craftIndex(name, entries)
	b, err := manifest.Sign(m, e.key)
	must(e.t, err)
	_, err = e.st.Put(ctx, manifest.ManifestName(name), bytes.NewReader(b))
	must(e.t, err)
}

func (c crafted) header() *tar.Header {
	h := &tar.Header{Name: c.Path, Mode: int64(c.Mode), Uid: int(c.UID), Gid: int(c.GID),
		ModTime: time.Unix(0, c.MTime), Linkname: c.Link}
	if c.TarName != "" {
		h.Name = c.TarName
	}
	defer func() {
		if c.Tar != nil {
			c.Tar(h)
		}
	}()
	switch c.Type {
	case index.Dir:
		h.Typeflag = tar.TypeDir
	case index.File:
		h.Typeflag, h.Size = tar.TypeReg, int64(len(c.Body))
	case index.Symlink:
		h.Typeflag = tar.TypeSymlink
	case index.Hardlink:
		h.Typeflag = tar.TypeLink
	}
	return h
}

func (e *env) craftIndex(name string, entries []crafted) manifest.Object {
	e.t.Helper()
	sorted := make([]index.Entry, 0, len(entries))
	for _, c := range entries {
		if c.NoIndex {
			continue
		}
		if c.Holder == "" {
			c.Holder = name
		}
		sorted = append(sorted, c.Entry)
	}
	sort.Slice(sorted, func(i, j int) bool { return index.Compare(sorted[i].Path, sorted[j].Path) < 0 })
	var buf bytes.Buffer
	iw, err := index.NewWriter(&buf, name)
	must(e.t, err)
	for i := range sorted {
		must(e.t, iw.Add(&sorted[i]))
	}
	must(e.t, iw.Close())
	sum := sha256.Sum256(buf.Bytes())
	_, err = e.st.Put(context.Background(), manifest.IndexName(name), bytes.NewReader(buf.Bytes()))
	must(e.t, err)
	return manifest.Object{Name: manifest.IndexName(name), Size: int64(buf.Len()), SHA256: hex.EncodeToString(sum[:])}
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func dirEntry(p string) crafted {
	return crafted{Entry: index.Entry{Path: p, Type: index.Dir, Mode: 0o755}}
}

func fileEntry(p, body string) crafted {
	return crafted{Entry: index.Entry{Path: p, Type: index.File, Mode: 0o644, Size: int64(len(body))}, Body: body}
}

func symlinkEntry(p, target string) crafted {
	return crafted{Entry: index.Entry{Path: p, Type: index.Symlink, Mode: 0o777, Link: target}}
}
