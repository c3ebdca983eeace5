package retention

import (
	"fmt"
	"time"
)

// keeps returns the backups of bs (newest first) that r keeps by itself, chains aside.
func (r Rule) keeps(bs []Backup, loc *time.Location) map[string]bool {
	keep := map[string]bool{}
	for i, b := range bs {
		if i < r.Last {
			keep[b.Name] = true
		}
	}
	periods := []struct {
		n   int
		key func(time.Time) string
	}{
		{r.Daily, func(t time.Time) string { return t.Format("2006-01-02") }},
		{r.Weekly, func(t time.Time) string { y, w := t.ISOWeek(); return fmt.Sprintf("%d-W%02d", y, w) }},
		{r.Monthly, func(t time.Time) string { return t.Format("2006-01") }},
	}
	for _, p := range periods {
		seen := map[string]bool{}
		for _, b := range bs {
			if len(seen) >= p.n {
				break
			}
			if k := p.key(b.Created.In(loc)); !seen[k] {
				seen[k], keep[b.Name] = true, true
			}
		}
	}
	return keep
}
