package corpus

import (
	"io/fs"
	"math"
	"math/rand/v2"
	"path"
	"strconv"
	"strings"
)

// Version changes whenever the same scale and seed would generate different bytes; Ensure then
// regenerates a cached corpus.
const Version = 1

// kind is what a planned entry holds, and so how its bytes are made.
type kind uint8

const (
	kindText    kind = iota // php, html, css, js, json, txt, md: compressible
	kindImage               // JPEG or PNG header, then random bytes: incompressible
	kindAccess              // Apache combined access log
	kindError               // Apache/PHP error log
	kindAppLog              // application log (Laravel-like)
	kindGzip                // rotated, already compressed log: incompressible
	kindZip                 // a user's archive: incompressible
	kindMail                // one Maildir message, sometimes with a base64 attachment
	kindSymlink             // a symbolic link to link
	kindDir                 // an empty directory
)

// entry is one planned path of the tree.
type entry struct {
	path  string // slash path relative to the corpus root
	kind  kind
	size  int64
	seed  uint64 // the entry's own random stream
	mtime int64  // ns since the epoch
	mode  fs.FileMode
	link  string // symlink target
}

// Stats sums a corpus.
type Stats struct {
	Files, Dirs, Symlinks int
	Bytes                 int64
}

// Describe returns what Generate(dir, scale, seed) writes, without writing it.
func Describe(scale float64, seed int64) Stats {
	var s Stats
	for _, e := range plan(scale, seed) {
		switch e.kind {
		case kindSymlink:
			s.Symlinks++
		case kindDir:
			s.Dirs++
		default:
			s.Files++
			s.Bytes += e.size
		}
	}
	return s
}

// baseTime is the newest mtime of the generated tree: 2024-06-01T00:00:00Z, in ns.
const baseTime = 1717200000 * int64(1e9)

// planner builds the list of entries from one random stream.
type planner struct {
	r     *rand.Rand
	scale float64
	out   []entry
	taken map[string]bool
}

// plan returns the entries of the corpus, in a fixed order for a given scale and seed.
func plan(scale float64, seed int64) []entry {
	p := &planner{r: rand.New(rand.NewPCG(uint64(seed), 0xC0FFEE)), scale: scale, taken: map[string]bool{}}
	for _, s := range sites {
		p.site(s)
	}
	return p.out
}

// count scales n, keeping at least one.
func (p *planner) count(n int) int {
	return max(1, int(math.Round(float64(n)*p.scale)))
}

// bytes scales a size in MiB, keeping at least 1 KiB.
func (p *planner) bytes(mb float64) int64 {
	return max(1024, int64(mb*p.scale*(1<<20)))
}

// add plans e under a path no other entry has, with its own seed and, if unset, an mtime.
func (p *planner) add(e entry) {
	e.path = p.unique(e.path)
	p.taken[e.path] = true
	e.seed = uint64(len(p.out)) + 1
	if e.mtime == 0 {
		e.mtime = baseTime - p.r.Int64N(3*365*24*3600*1e9)
	}
	if e.mode == 0 {
		e.mode = 0o644
	}
	p.out = append(p.out, e)
}

// unique returns name, or name with "-2", "-3" ... before its extension if already planned.
func (p *planner) unique(name string) string {
	if !p.taken[name] {
		return name
	}
	dir, file := path.Split(name)
	stem, ext, _ := strings.Cut(file, ".")
	if ext != "" {
		ext = "." + ext
	}
	for i := 2; ; i++ {
		n := dir + stem + "-" + strconv.Itoa(i) + ext
		if !p.taken[n] {
			return n
		}
	}
}

// textSize draws a source file size: log-normal, median 2.2 KB, mean about 4 KB, at most
// 512 KiB; about 1% are empty.
func (p *planner) textSize() int64 {
	if p.r.IntN(100) == 0 {
		return 0
	}
	return min(512<<10, int64(math.Exp(7.7+1.1*p.r.NormFloat64())))
}

// word returns a file or directory name part.
func (p *planner) word() string {
	return vocab[zipf[p.r.IntN(len(zipf))]]
}

// name returns a plausible file name with extension ext.
func (p *planner) name(ext string) string {
	n := p.word()
	if p.r.IntN(2) == 0 {
		n += "-" + p.word()
	}
	if ext == "js" && p.r.IntN(5) == 0 {
		return n + ".min.js"
	}
	return n + "." + ext
}
