package rules

import (
	"archive/tar"
	"strings"

	"coffre/engine/manifest"
)

// MaxConfig bounds the configuration entries (config/) of an archive, together.
const MaxConfig = 64 << 20

// Budget bounds what one backup's archive may hold by what its signed manifest declares: the
// entries under files/ (at most m.Files of them) and the content bytes (at most m.Bytes), the
// embedded manifest (manifest.MaxSize) and the configuration (MaxConfig). An entry over the
// budget is refused at its header, before its content is decompressed. Not safe for
// concurrent use.
type Budget struct {
	backup        string
	files, bytes  int64 // left
	config        int64 // left
	filesDeclared int64
	bytesDeclared int64
}

// NewBudget returns the budget of backup m's archive.
func NewBudget(m manifest.Manifest) *Budget {
	return &Budget{backup: m.Name, files: m.Files, bytes: m.Bytes, config: MaxConfig,
		filesDeclared: m.Files, bytesDeclared: m.Bytes}
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
	case strings.HasPrefix(h.Name, "files/"):
		if b.files--; b.files < 0 {
			return broken(h.Name, "more entries under files/ than the %d the manifest of %s declares",
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
