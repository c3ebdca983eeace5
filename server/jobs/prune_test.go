package jobs

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"coffre/engine/backup"
	"coffre/engine/retention"
	"coffre/engine/spec"
	"coffre/engine/verify"
)

// Six weeks of nightly backups of a real webspace (a full on Mondays, incrementals the other
// days), with the schedule's rule of 3 daily and 2 weekly applied after each one as a run of
// the schedule does: the last two weeks' chains are left whole and verify, every older chain
// of the schedule is gone, and the manual backups (one kept forever) are untouched.
func TestPruneRealBackups(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	now := time.Date(2026, 10, 1, 2, 0, 0, 0, time.UTC)
	j := New(f.j.st, f.j.keys, Options{Clock: func() time.Time { return now }, Location: time.UTC})
	st, err := j.ServerStorage("bob")
	if err != nil {
		t.Fatal(err)
	}
	a, err := j.account("bob", nil)
	if err != nil {
		t.Fatal(err)
	}
	run := func(sp spec.Backup) backup.Entry {
		t.Helper()
		os.WriteFile(filepath.Join(f.bobWS, "day.txt"), []byte(now.String()), 0o644)
		res, err := backup.Run(ctx, backup.Options{Account: a, Spec: sp, Storage: st, HostKey: j.keys.Host, Clock: j.clock})
		if err != nil {
			t.Fatal(err)
		}
		return res.Entry
	}
	base := spec.Backup{Client: "bob", Scope: spec.ScopeAccount, Files: true, Mail: true, Storage: spec.StorageServer}
	manual := run(base)
	now = now.AddDate(0, 0, 1)
	forever := run(base)
	if err := j.SetKept(ctx, "bob", spec.StorageServer, forever.Name, true); err != nil {
		t.Fatal(err)
	}
	rule := []retention.Policy{{Rule: retention.Rule{Daily: 3, Weekly: 2}, Tag: "nightly"}}
	var made []backup.Entry
	for day := range 42 {
		now = time.Date(2026, 10, 5+day, 2, 0, 0, 0, time.UTC) // from a Monday
		sp := base
		sp.Schedule, sp.Incremental = "nightly", now.Weekday() != time.Monday
		made = append(made, run(sp))
		if _, err := j.Prune(ctx, "bob", spec.StorageServer, rule, time.UTC); err != nil {
			t.Fatalf("prune on day %d: %v", day, err)
		}
	}
	list, err := j.List(ctx, "bob", spec.StorageServer)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, l := range list {
		got = append(got, l.Name)
		if l.Status != backup.StatusOK {
			t.Errorf("%s: %s, missing %v", l.Name, l.Status, l.Missing)
		}
		if rep, err := verify.Run(ctx, st, l.Name, j.keys.PublicKey()); err != nil || !rep.OK() {
			t.Errorf("verify %s: %v %+v", l.Name, err, rep.Problems)
		}
	}
	want := []string{manual.Name, forever.Name}
	for _, e := range made[28:] { // the chains of the last two weeks (Mondays 2 and 9 November)
		want = append(want, e.Name)
	}
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("left %d backups:\n%v\nwant %d:\n%v", len(got), got, len(want), want)
	}
	if made[28].Type != "full" || made[27].Type != "incremental" {
		t.Errorf("day 28 is %s, day 27 %s", made[28].Type, made[27].Type)
	}
}
