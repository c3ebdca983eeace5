package retention

import (
	"slices"
	"strings"
	"time"
)

// Backup is what a rule needs to know of one backup.
type Backup struct {
	Name    string
	Created time.Time // the zero time for a backup whose manifest is unreadable: always kept
	Parent  string    // the backup it is an incremental of; "" for a full backup
	Tag     string    // the schedule that made it; "" for a manual backup
	Kept    bool      // marked as kept forever
}

// Policy is a rule and the backups it covers: those made by the schedule Tag, or, with Tag
// empty, every backup of the storage.
type Policy struct {
	Rule Rule
	Tag  string
}

func (p Policy) covers(b Backup) bool { return !p.Rule.Off() && (p.Tag == "" || p.Tag == b.Tag) }

// Chain is the backups of one chain that a plan deletes: newest first, its first (full)
// backup last, the order in which they can go without ever leaving an incremental whose
// parent is gone.
type Chain struct {
	Root  string   `json:"root"`
	Names []string `json:"names"`
}

// Plan is what the policies do to a storage's backups.
type Plan struct {
	Delete []Chain  `json:"delete"` // oldest chain first
	Keep   []string `json:"keep"`   // oldest first
}

// Count is the number of backups the plan deletes.
func (p Plan) Count() int {
	n := 0
	for _, c := range p.Delete {
		n += len(c.Names)
	}
	return n
}

// Apply decides, in loc's calendar, which backups the policies let go. A backup has expired
// when a policy covers it, none of the policies covering it keeps it, it is not kept forever
// and its manifest was read. A chain (a full backup and the incrementals that descend from it)
// is deleted only when every backup of it has expired; otherwise it is kept whole.
func Apply(bs []Backup, ps []Policy, loc *time.Location) Plan {
	bs = slices.Clone(bs)
	slices.SortFunc(bs, func(a, b Backup) int { // newest first
		if d := b.Created.Compare(a.Created); d != 0 {
			return d
		}
		return strings.Compare(b.Name, a.Name)
	})
	expired := map[string]bool{}
	for _, b := range bs {
		expired[b.Name] = !b.Kept && !b.Created.IsZero()
	}
	covered := map[string]bool{}
	for _, p := range ps {
		var mine []Backup
		for _, b := range bs {
			if p.covers(b) && !b.Created.IsZero() {
				mine, covered[b.Name] = append(mine, b), true
			}
		}
		for name := range p.Rule.keeps(mine, loc) {
			expired[name] = false
		}
	}
	return byChain(bs, func(n string) bool { return expired[n] && covered[n] })
}

// byChain groups bs (newest first) into chains and deletes the chains all of whose backups
// gone says may go.
func byChain(bs []Backup, gone func(string) bool) Plan {
	root := roots(bs)
	whole := map[string]bool{}
	for _, b := range bs {
		r := root[b.Name]
		old, seen := whole[r]
		whole[r] = (old || !seen) && gone(b.Name)
	}
	var p Plan
	at := map[string]int{}              // chain root -> its place in p.Delete
	for i := len(bs) - 1; i >= 0; i-- { // oldest first
		r := root[bs[i].Name]
		if _, ok := at[r]; whole[r] && !ok {
			at[r] = len(p.Delete)
			p.Delete = append(p.Delete, Chain{Root: r})
		}
		if !whole[r] {
			p.Keep = append(p.Keep, bs[i].Name)
		}
	}
	for _, b := range bs { // newest first within each chain
		if i, ok := at[root[b.Name]]; ok {
			p.Delete[i].Names = append(p.Delete[i].Names, b.Name)
		}
	}
	return p
}

// roots maps each backup to the first backup of its chain: its oldest ancestor present in bs.
func roots(bs []Backup) map[string]string {
	parent := map[string]string{}
	for _, b := range bs {
		parent[b.Name] = b.Parent
	}
	root := map[string]string{}
	for _, b := range bs {
		n, seen := b.Name, map[string]bool{b.Name: true}
		for {
			p := parent[n]
			if _, ok := parent[p]; p == "" || !ok || seen[p] {
				break
			}
			seen[p], n = true, p
		}
		root[b.Name] = n
	}
	return root
}
