package index

import (
	"errors"
	"path"
	"strings"
)

// Type is the kind of an index entry.
type Type byte

// Entry types.
const (
	Dir      Type = 'd'
	File     Type = 'f'
	Symlink  Type = 'l'
	Hardlink Type = 'h' // another name of the group whose first path is Link
	// Ref is a file whose content the archive of Holder keeps under another path, Link: a
	// Maildir message renamed for a flag change is not stored again. Index format 2 on.
	Ref Type = 'r'
)

// Entry is one path of a backed-up state.
type Entry struct {
	Path   string // "files/<domain>[/<rel>]" or "mail/<domain>/<address>[/<rel>]", no trailing slash
	Type   Type
	Mode   uint32 // st_mode & 07777
	UID    uint32
	GID    uint32
	Size   int64  // File and Hardlink: the content's size; 0 otherwise
	MTime  int64  // nanoseconds since the Unix epoch
	Link   string // Symlink: its target; Hardlink: the Path of the group's first file; Ref: the path Holder's archive keeps the content under
	Holder string // the backup whose archive holds this path's entry with this metadata
	// Offset is where this path's tar entry (its extended header, if any) starts in the
	// uncompressed stream of Holder's archive: File entries from index format 3 on; 0 when not
	// recorded (an archive starts with its manifest, so no file's entry is ever at 0).
	Offset int64
	// CTime (nanoseconds since the Unix epoch) and Ino are the inode's change time and number
	// when the backup saw it: index format 4 on; 0 when not recorded. A file rewritten with its
	// size and mtime put back still has a new ctime (or a new inode when replaced).
	CTime int64
	Ino   uint64
}

// Frame is one independent zstd frame (or run of frames) of an archive: Raw is where its
// content starts in the uncompressed stream, Comp where its bytes start in the volumes taken
// one after the other, Sum the SHA-256 of its compressed bytes (zero in a protected backup,
// whose encryption authenticates them). A frame table ends with a Frame at both ends of the
// archive (Raw and Comp the totals, Sum zero).
type Frame struct {
	Raw, Comp int64
	Sum       [32]byte
}

// PathOf is the Path of rel, a slash path relative to the webspace root of subscription
// domain ("" for the root itself): "files/<domain>" or "files/<domain>/<rel>".
func PathOf(domain, rel string) string {
	if rel == "" {
		return "files/" + domain
	}
	return "files/" + domain + "/" + rel
}

// SplitPath is the inverse of PathOf; ok is false for a path not under "files/<domain>".
func SplitPath(p string) (domain, rel string, ok bool) {
	rest, ok := strings.CutPrefix(p, "files/")
	if !ok || rest == "" {
		return "", "", false
	}
	domain, rel, _ = strings.Cut(rest, "/")
	return domain, rel, true
}

// SameMeta reports whether a and b describe the same state of a path (Plesk's rule: type,
// size, mtime, mode, owner, plus the link target): the holder is not compared.
func SameMeta(a, b *Entry) bool {
	return a.Type == b.Type && a.Size == b.Size && a.MTime == b.MTime && a.Mode == b.Mode &&
		a.UID == b.UID && a.GID == b.GID && a.Link == b.Link
}

// SameInode reports whether a and b, of the same path, were seen as the same inode with no
// change since: same ctime and inode number, each compared only when both record it (an
// index older than format 4 records neither). An incremental stores a file again when this
// is false even if SameMeta holds (restic's rule): a rewrite that put its size and mtime back
// (cp -p, rsync -t, touch -r) still changes the ctime.
func SameInode(a, b *Entry) bool {
	return (a.CTime == 0 || b.CTime == 0 || a.CTime == b.CTime) && (a.Ino == 0 || b.Ino == 0 || a.Ino == b.Ino)
}

// ErrCorrupt is wrapped by every error about a malformed, truncated or altered index.
var ErrCorrupt = errors.New("index corrupt")

// Compare orders paths component by component, in byte order within a component: the order in
// which a walk lists a tree whose directory entries are sorted by name. It returns -1, 0 or 1.
func Compare(a, b string) int {
	n := min(len(a), len(b))
	for i := 0; i < n; i++ {
		ca, cb := a[i], b[i]
		if ca == cb {
			continue
		}
		if ca == '/' {
			return -1
		}
		if cb == '/' {
			return 1
		}
		if ca < cb {
			return -1
		}
		return 1
	}
	switch {
	case len(a) < len(b):
		return -1
	case len(a) > len(b):
		return 1
	}
	return 0
}

func validType(t Type, version uint64) bool {
	return t == Dir || t == File || t == Symlink || t == Hardlink || t == Ref && version >= 2
}

// MailPathOf is the Path of rel, a slash path relative to a mailbox's Maildir ("" for the
// Maildir itself): "mail/<domain>/<address>[/<rel>]".
func MailPathOf(domain, address, rel string) string {
	p := "mail/" + domain + "/" + address
	if rel != "" {
		p += "/" + rel
	}
	return p
}

// SplitMailPath is the inverse of MailPathOf; ok is false for a path not under
// "mail/<domain>/<address>".
func SplitMailPath(p string) (domain, address, rel string, ok bool) {
	rest, ok := strings.CutPrefix(p, "mail/")
	if !ok {
		return "", "", "", false
	}
	domain, rest, ok = strings.Cut(rest, "/")
	if !ok || domain == "" {
		return "", "", "", false
	}
	address, rel, _ = strings.Cut(rest, "/")
	return domain, address, rel, address != ""
}

// MessageKey is the identity of the Maildir message at rel (a slash path relative to its
// Maildir): its unique name, the part before ":" that a flag change keeps, or "" if rel is not
// a message (a file directly in a cur/ or new/ folder). A Maildir never changes a message: it
// renames it, from new/ to cur/ once seen and when its flags change ("1700.M1P2.host:2,FS").
func MessageKey(rel string) string {
	dir, base := path.Split(rel)
	folder := path.Base(strings.TrimSuffix(dir, "/"))
	if folder != "cur" && folder != "new" || base == "" {
		return ""
	}
	uniq, _, _ := strings.Cut(base, ":")
	return uniq
}

// deltaBase is what format 5 writes a record's mtime, ctime and inode against: the previous
// record's (zero before the first). Neighbours in path order were mostly made together, so
// the differences are short varints where the values themselves take 4 to 9 bytes.
type deltaBase struct {
	MTime, CTime int64
	Ino          uint64
}
