package rules

import (
	"archive/tar"
	"strings"

	"coffre/engine/manifest"
)

// MaxConfig bounds the configuration entries (config/) of an archive, together.
const MaxConfig = 64 << 20

// Budget bounds what one backup's archive may hold by what its signed manifest declares: the
// entries under files/ and mail/ (at most m.Files of them) and their content bytes (at most
// m.Bytes), each database dump (at most the size its record declares), the
// embedded manifest (manifest.MaxSize) and the configuration (MaxConfig). An entry over the
// budget is refused at its header, before its content is decompressed. Not safe for
// concurrent use.
type Budget struct {
	backup        string
	dumps         map[string]int64 // bytes left of each database dump the manifest declares, by path
	notes         map[string]bool  // the dumps that failed, which may carry a ".incomplete" note
	files, bytes  int64            // left
	config        int64            // left
	filesDeclared int64
	bytesDeclared int64
}

// NewBudget returns the budget of backup m's archive.
func NewBudget(m manifest.Manifest) *Budget {
	b := &Budget{backup: m.Name, files: m.Files, bytes: m.Bytes, config: MaxConfig,
		filesDeclared: m.Files, bytesDeclared: m.Bytes, dumps: map[string]int64{}, notes: map[string]bool{}}
	if m.Captured != nil {
		for _, d := range m.Captured.DBs {
			if d.Path != "" {
				b.dumps[d.Path], b.notes[d.Path] = d.Size, d.Warning != ""
			}
		}
	}
	return b
}

// MaxNote bounds the note that follows the parts of a dump that failed half-way.
const MaxNote = 64 << 10

// takeDump accounts for an entry under databases/: the dump of a database the manifest
// declares ("<path>", or its parts "<path>.NNN"), within the dump's declared size, or the note
// of a failed one ("<path>.incomplete").
func (b *Budget) takeDump(h *tar.Header) error {
	if base, ok := strings.CutSuffix(h.Name, ".incomplete"); ok && b.notes[base] {
		if h.Size > MaxNote {
			return broken(h.Name, "%d bytes, more than a dump's note may have (%d)", h.Size, MaxNote)
		}
		return nil
	}
	base := h.Name
	if i := strings.LastIndexByte(base, '.'); i > 0 && digits(base[i+1:]) {
		base = base[:i]
	}
	left, ok := b.dumps[base]
	if !ok {
		left, ok = b.dumps[h.Name]
		base = h.Name
	}
	switch {
	case !ok:
		return broken(h.Name, "not a database dump the manifest of %s declares", b.backup)
	case h.Size > left:
		return broken(h.Name, "%d bytes, more than the %d left of the dump the manifest of %s declares",
			h.Size, left, b.backup)
	}
	b.dumps[base] = left - h.Size
	return nil
}

// digits reports whether s is a part number: three or more ASCII digits.
func digits(s string) bool {
	if len(s) < 3 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// Take accounts for the entry h (read by archive/tar, so a sparse file counts for its full
// size), or refuses it with an *Error naming it.
func (b *Budget) Take(h *tar.Header) error {
	switch {
	case h.Name == "coffre/manifest.json":
		if h.Size > manifest.MaxSize {
			return broken(h.Name, "%d bytes, more than a manifest may have (%d)", h.Size, manifest.MaxSize)
		}
		return nil
	case strings.HasPrefix(h.Name, "config/"):
		if h.Size > b.config {
			return broken(h.Name, "%d bytes of configuration, more than %d in all", h.Size, MaxConfig)
		}
		b.config -= h.Size
		return nil
	case strings.HasPrefix(h.Name, "databases/"):
		return b.takeDump(h)
	case strings.HasPrefix(h.Name, "files/"), strings.HasPrefix(h.Name, "mail/"):
		if b.files--; b.files < 0 {
			return broken(h.Name, "more entries under files/ and mail/ than the %d the manifest of %s declares",
				b.filesDeclared, b.backup)
		}
	}
	if h.Size > b.bytes {
		return broken(h.Name, "%d bytes, more than the %d left of the %d bytes of content the manifest of %s declares",
			h.Size, b.bytes, b.bytesDeclared, b.backup)
	}
	b.bytes -= h.Size
	return nil
}
