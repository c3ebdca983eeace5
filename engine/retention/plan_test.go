package retention

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
)

// b makes a backup named after its day of November 2026: "f3" is a full backup made on the
// 3rd, "i4<f3" an incremental of f3 made on the 4th, "!" kept forever, "@s1" made by schedule s1.
func b(spec string) Backup {
	x := Backup{}
	spec, x.Kept = strings.CutSuffix(spec, "!")
	spec, x.Tag, _ = strings.Cut(spec, "@")
	x.Name, x.Parent, _ = strings.Cut(spec, "<")
	var day int
	fmt.Sscanf(x.Name[1:], "%d", &day)
	x.Created = time.Date(2026, 11, day, 2, 0, 0, 0, time.UTC)
	if x.Name[0] == 'u' { // unreadable manifest
		x.Created = time.Time{}
	}
	return x
}

func TestApply(t *testing.T) {
	cases := []struct {
		name   string
		have   []string
		rules  []Policy
		delete string // chains as "newest,...,root" separated by " | ", oldest chain first
	}{
		{"no rule keeps everything", []string{"f1", "f2"}, []Policy{{}}, ""},
		{"last 2 of 4 fulls", []string{"f1", "f2", "f3", "f4"}, []Policy{{Rule: Rule{Last: 2}}}, "f1 | f2"},
		{"last 1 keeps its whole chain", []string{"f1", "i2<f1", "i3<i2"}, []Policy{{Rule: Rule{Last: 1}}}, ""},
		{"an expired chain goes whole, newest first", []string{"f1", "i2<f1", "i3<i2", "f4", "i5<f4"},
			[]Policy{{Rule: Rule{Last: 1}}}, "i3,i2,f1"},
		{"two incrementals of one full", []string{"f1", "i2<f1", "i3<f1", "f4"}, []Policy{{Rule: Rule{Last: 1}}}, "i3,i2,f1"},
		{"kept forever keeps its chain", []string{"f1!", "i2<f1", "f3", "f4"}, []Policy{{Rule: Rule{Last: 1}}}, "f3"},
		{"kept forever incremental keeps its full", []string{"f1", "i2<f1!", "f3"}, []Policy{{Rule: Rule{Last: 1}}}, ""},
		{"a schedule's rule leaves manual backups", []string{"f1", "f2@s1", "f3@s1", "f4"}, []Policy{{Rule: Rule{Last: 1}, Tag: "s1"}}, "f2"},
		{"a manual full holds a scheduled chain", []string{"f1", "i2<f1@s1", "f3@s1"}, []Policy{{Rule: Rule{Last: 1}, Tag: "s1"}}, ""},
		{"any covering rule keeps", []string{"f1@s1", "f2@s1", "f3"}, []Policy{{Rule: Rule{Last: 1}}, {Rule: Rule{Last: 2}, Tag: "s1"}}, ""},
		{"unreadable manifest is kept", []string{"u1", "f2", "f3"}, []Policy{{Rule: Rule{Last: 1}}}, "f2"},
		{"incremental whose full is gone", []string{"i2<f1", "i3<i2", "f4"}, []Policy{{Rule: Rule{Last: 1}}}, "i3,i2"},
		{"daily keeps the newest of each day", []string{"f1", "f2", "i2b<f2", "f3"}, []Policy{{Rule: Rule{Daily: 2}}}, "f1"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var bs []Backup
			for _, s := range c.have {
				bs = append(bs, b(s))
			}
			if c.name == "daily keeps the newest of each day" {
				bs[2].Created = bs[1].Created.Add(time.Hour)
			}
			p := Apply(bs, c.rules, time.UTC)
			var got []string
			for _, ch := range p.Delete {
				got = append(got, strings.Join(ch.Names, ","))
			}
			if g := strings.Join(got, " | "); g != c.delete {
				t.Errorf("delete %q, want %q", g, c.delete)
			}
			if len(p.Keep)+p.Count() != len(bs) {
				t.Errorf("keep %v and delete %d of %d backups", p.Keep, p.Count(), len(bs))
			}
		})
	}
}

// A year of daily backups (a full every Monday, incrementals the other days) under 7 daily,
// 4 weekly and 6 monthly, applied after each backup as a schedule does: the last 7 days, the
// last 4 weeks and the last 6 month ends are kept, each with its whole chain, and no kept
// incremental ever misses its parent.
func TestApplyYearOfDailyBackups(t *testing.T) {
	loc, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Fatal(err)
	}
	rule := []Policy{{Rule: Rule{Daily: 7, Weekly: 4, Monthly: 6}}}
	var have []Backup
	for day := time.Date(2026, 1, 5, 1, 0, 0, 0, loc); day.Year() == 2026; day = day.AddDate(0, 0, 1) {
		nb := Backup{Name: day.Format("2006-01-02"), Created: day}
		if day.Weekday() != time.Monday {
			nb.Parent = have[len(have)-1].Name
		}
		have = append(have, nb)
		p := Apply(have, rule, loc)
		have = slices.DeleteFunc(have, func(x Backup) bool { return !slices.Contains(p.Keep, x.Name) })
		checkChains(t, have)
	}
	// Chains (by their Monday) kept: the 7 days back (12-21, 12-28), the 4 weeks (12-07 to
	// 12-28), the newest backup of July to December (07-31, 08-31, 09-30, 10-31, 11-30, 12-31).
	var want []string
	for _, monday := range []string{"07-27", "08-31", "09-28", "10-26", "11-30", "12-07", "12-14", "12-21", "12-28"} {
		d, _ := time.ParseInLocation("2006-01-02", "2026-"+monday, loc)
		for i := 0; i < 7 && d.Year() == 2026; i++ {
			want = append(want, d.Format("2006-01-02"))
			d = d.AddDate(0, 0, 1)
		}
	}
	var got []string
	for _, x := range have {
		got = append(got, x.Name)
	}
	if !slices.Equal(got, want) {
		t.Errorf("kept %d backups:\n%v\nwant %d:\n%v", len(got), got, len(want), want)
	}
}

// checkChains fails when a backup's parent is not in bs.
func checkChains(t *testing.T, bs []Backup) {
	t.Helper()
	names := map[string]bool{}
	for _, x := range bs {
		names[x.Name] = true
	}
	for _, x := range bs {
		if x.Parent != "" && !names[x.Parent] {
			t.Fatalf("%s kept without its parent %s", x.Name, x.Parent)
		}
	}
}

func TestRuleValidate(t *testing.T) {
	if es := (Rule{Last: 3, Daily: 7}).Validate(); len(es) != 0 {
		t.Errorf("valid rule refused: %v", es)
	}
	es := Rule{Daily: -1, Monthly: MaxCount + 1}.Validate()
	if len(es) != 2 || es[0].Field != "daily" || es[1].Field != "monthly" || es[0].Code != CodeInvalidCount {
		t.Errorf("got %v", es)
	}
}
