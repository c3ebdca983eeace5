package api

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"coffre/server/jobs"
	"coffre/server/scheduler"
	"coffre/server/store"
	"coffre/server/tasks"
)

// A schedule keeps a backup password: sealed in the data file, never sent back (only
// passwordKept), never in a task. Its runs, ticked on an injected clock, make protected
// backups that continue the protected chain, that its retention rule still prunes, and that
// restore byte for byte with the password.
func TestScheduleKeepsABackupPassword(t *testing.T) {
	s := newSite(t)
	acme := s.login("acme")
	const pw = "scheduled pass phrase"
	v1 := string(bytes.Repeat([]byte{0, 1, 2, 250, 'a'}, 40000))
	s.fill("acme", map[string]string{"httpdocs/data.bin": v1})
	sched := func(incremental bool, extra string) reply {
		inc := map[bool]string{true: "true", false: "false"}[incremental]
		return s.do("PUT", "/api/clients/acme/schedule", `{"when":{"every":"daily","at":"02:00"},"retention":{"last":1},`+
			`"backup":{"scope":"account","files":true,"storage":"server","incremental":`+inc+`}`+extra+`}`, acme)
	}
	if r := sched(false, `,"password":"bad\u0007one"`); r.status != 400 || problem(t, r).Fields[0].Field != "password" {
		t.Errorf("a password with a control character: %d %s", r.status, r.body)
	}
	r := sched(false, `,"password":"`+pw+`"`)
	if r.status != 200 || !strings.Contains(r.body, `"passwordKept":true`) || strings.Contains(r.body, pw) {
		t.Fatalf("set with a password: %d %s", r.status, r.body)
	}

	clock := time.Now()
	sch := scheduler.New(s.st, s.runner, s.jobs, scheduler.Options{Clock: func() time.Time { return clock }, Location: time.UTC})
	runDay := func(day int) tasks.Task {
		t.Helper()
		clock = clock.Add(24 * time.Hour)
		before, _ := s.runner.List(tasks.Filter{})
		if err := sch.Tick(context.Background()); err != nil {
			t.Fatal(err)
		}
		after, _ := s.runner.List(tasks.Filter{})
		if len(after) != len(before)+1 {
			t.Fatalf("day %d: no run queued", day)
		}
		done, err := s.runner.Wait(context.Background(), after[0].ID)
		if err != nil || done.Status != tasks.Done {
			t.Fatalf("day %d: run %+v: %v", day, done, err)
		}
		return done
	}
	runDay(1)
	v2 := v1 + "second day"
	s.fill("acme", map[string]string{"httpdocs/data.bin": v2})
	runDay(2)
	list := decodeAs[[]jobs.Listed](t, s.do("GET", "/api/clients/acme/backups?storage=server", "", acme))
	if len(list) != 1 || !list[0].Protected {
		t.Fatalf("after two protected runs kept last 1: %+v", list)
	}

	// Set again without a password: the kept one stays; the runs go on incremental.
	if r := sched(true, ""); r.status != 200 || !strings.Contains(r.body, `"passwordKept":true`) {
		t.Fatalf("set again without a password: %d %s", r.status, r.body)
	}
	v3 := v2 + "third day"
	s.fill("acme", map[string]string{"httpdocs/data.bin": v3})
	run := runDay(3)
	list = decodeAs[[]jobs.Listed](t, s.do("GET", "/api/clients/acme/backups?storage=server", "", acme))
	if len(list) < 2 || list[0].Type != "incremental" || !list[0].Protected || list[0].Parent != list[1].Name {
		t.Fatalf("the incremental run does not continue the protected chain: %+v", list)
	}

	s.fill("acme", map[string]string{"httpdocs/data.bin": "overwritten"})
	restore := `{"backup":"` + list[0].Name + `","storage":"server"`
	if p := problem(t, s.do("POST", "/api/clients/acme/restores", restore+`}`, acme)); p.Code != "backup_password_required" {
		t.Errorf("restore without the password: %+v", p)
	}
	if done := s.run("/api/clients/acme/restores", restore+`,"password":"`+pw+`"}`, "acme"); done.Status != tasks.Done {
		t.Fatalf("restore with the password: %+v", done)
	}
	if got := s.read("acme", "httpdocs/data.bin"); got != v3 {
		t.Errorf("restored %d bytes, want the %d of the third day", len(got), len(v3))
	}

	db, err := os.ReadFile(filepath.Join(s.st.Dir(), store.FileName))
	if err != nil {
		t.Fatal(err)
	}
	for where, text := range map[string]string{"the data file": string(db), "the run's task": s.do("GET", "/api/tasks/"+run.ID, "", acme).body,
		"the schedule": s.do("GET", "/api/clients/acme/schedule", "", acme).body, "the log": s.logs.String()} {
		if strings.Contains(text, pw) {
			t.Errorf("the password shows in %s", where)
		}
	}
	if r := sched(true, `,"forgetPassword":true`); r.status != 200 || !strings.Contains(r.body, `"passwordKept":false`) {
		t.Errorf("forget the password: %d %s", r.status, r.body)
	}
}
