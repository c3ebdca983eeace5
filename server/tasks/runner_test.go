package tasks

import (
	"context"
	"errors"
	"net/textproto"
	"reflect"
	"strings"
	"testing"

	"coffre/server/failure"
	"coffre/server/store"
)

func TestOneTaskPerClientAndWorkersAtOnce(t *testing.T) {
	g := newGate()
	r := start(t, openStore(t), Options{Workers: 2, Exec: g.exec})
	a1, a2 := submit(t, r, "acme"), submit(t, r, "acme")
	b1, c1 := submit(t, r, "bistro"), submit(t, r, "cafe")

	first := map[string]bool{g.next(t).ID: true, g.next(t).ID: true}
	if !first[a1.ID] || !first[b1.ID] {
		t.Fatalf("first to start: %v, want %s and %s", first, a1.ID, b1.ID)
	}
	if s := get(t, r, a2.ID).Status; s != Queued {
		t.Fatalf("second task of a busy client: %s, want queued", s)
	}
	g.finish(b1.ID, nil)
	if got := g.next(t); got.ID != c1.ID {
		t.Fatalf("after bistro: %s started, want cafe's %s (acme's second waits for acme)", got.ID, c1.ID)
	}
	g.finish(a1.ID, nil)
	if got := g.next(t); got.ID != a2.ID {
		t.Fatalf("after acme's first: %s started, want %s", got.ID, a2.ID)
	}
	g.finish(c1.ID, nil)
	g.finish(a2.ID, nil)
	for _, task := range []Task{a1, a2, b1, c1} {
		if got := wait(t, r, task.ID); got.Status != Done || string(got.Result) != `{"ran":"`+task.ID+`"}` {
			t.Errorf("task %s: %s %s, want done with its result", task.ID, got.Status, got.Result)
		}
	}
	if g.maxTotal > 2 || g.maxClient > 1 {
		t.Errorf("ran %d at once and %d of one client, want at most 2 and 1", g.maxTotal, g.maxClient)
	}
}

func TestQueuedTasksStartInCreationOrder(t *testing.T) {
	g := newGate()
	r := start(t, openStore(t), Options{Workers: 1, Exec: g.exec})
	var ids []string
	for _, c := range []string{"a1", "b2", "c3", "d4", "e5"} {
		ids = append(ids, submit(t, r, c).ID)
	}
	for _, id := range ids {
		got := g.next(t)
		if got.ID != id {
			t.Fatalf("started %s, want %s", got.ID, id)
		}
		g.finish(id, nil)
	}
}

func TestCancelQueuedTask(t *testing.T) {
	g := newGate()
	r := start(t, openStore(t), Options{Workers: 1, Exec: g.exec})
	a, b := submit(t, r, "acme"), submit(t, r, "bistro")
	g.next(t)
	got, err := r.Cancel(b.ID)
	if err != nil || got.Status != Cancelled {
		t.Fatalf("cancel queued: %v %v, want cancelled", got.Status, err)
	}
	c := submit(t, r, "cafe")
	g.finish(a.ID, nil)
	if next := g.next(t); next.ID != c.ID {
		t.Fatalf("after the cancelled task, %s started, want %s", next.ID, c.ID)
	}
	g.finish(c.ID, nil)
	final := wait(t, r, b.ID)
	if final.Status != Cancelled || final.Started != nil || final.Ended == nil {
		t.Errorf("cancelled queued task: %+v", final)
	}
}

func TestCancelRunningTask(t *testing.T) {
	g := newGate()
	r := start(t, openStore(t), Options{Exec: g.exec})
	a := submit(t, r, "acme")
	g.next(t)
	if _, err := r.Cancel(a.ID); err != nil {
		t.Fatal(err)
	}
	got := wait(t, r, a.ID)
	if got.Status != Cancelled || got.Log[len(got.Log)-1].Text != "Cancelled." {
		t.Errorf("cancelled running task: %s, log %v", got.Status, got.Log)
	}
	again, err := r.Cancel(a.ID)
	if err != nil || again.Status != Cancelled {
		t.Errorf("cancel an ended task: %s %v, want it unchanged", again.Status, err)
	}
}

func TestFailuresAndPanicsEndTheTaskFailed(t *testing.T) {
	tests := []struct {
		name string
		exec Exec
		want string
	}{
		{"error", func(context.Context, Task, *Reporter) (any, error) { return nil, errBoom }, "boom"},
		{"panic", func(context.Context, Task, *Reporter) (any, error) { panic("bad index") }, "internal error: bad index"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := start(t, openStore(t), Options{Exec: tc.exec})
			got := wait(t, r, submit(t, r, "acme").ID)
			if got.Status != Failed || got.Error != tc.want {
				t.Errorf("got %s %q, want failed %q", got.Status, got.Error, tc.want)
			}
		})
	}
}

func TestMailOutcomeIsRecordedAndNeverFailsTheTask(t *testing.T) {
	tests := []struct {
		name      string
		notifyErr error
		want      Mail
	}{
		{"sent", nil, Mail{Status: MailSent}},
		{"refused", &textproto.Error{Code: 550, Msg: "no such user"},
			Mail{Status: MailFailed, Error: `550 "no such user"`, Failure: &failure.Info{Code: failure.RecipientRefused}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var mailed Task
			r := start(t, openStore(t), Options{
				Exec:   func(context.Context, Task, *Reporter) (any, error) { return "listed", nil },
				Notify: func(_ context.Context, task Task) error { mailed = task; return tc.notifyErr },
			})
			req := backupOf("acme")
			req.Notify = "owner@acme.example"
			task, err := r.Submit(context.Background(), req)
			if err != nil {
				t.Fatal(err)
			}
			got := wait(t, r, task.ID)
			if got.Status != Done || !reflect.DeepEqual(got.Mail, tc.want) {
				t.Errorf("got %s, mail %+v; want done, mail %+v", got.Status, got.Mail, tc.want)
			}
			if mailed.Status != Done || string(mailed.Result) != `"listed"` || mailed.Ended == nil {
				t.Errorf("Notify got %+v, want the ended task with its result", mailed)
			}
		})
	}
}

func TestSubmitRefusesBadRequests(t *testing.T) {
	r := start(t, openStore(t), Options{Exec: newGate().exec})
	bad := []Request{
		{Kind: "wipe", Client: "acme", Spec: 1},
		{Kind: KindBackup, Client: "../acme", Spec: 1},
		{Kind: KindBackup, Client: "acme", Notify: "a@example.com\r\nBcc: x@evil.example", Spec: 1},
	}
	for _, req := range bad {
		if _, err := r.Submit(context.Background(), req); err == nil {
			t.Errorf("Submit(%+v) accepted", req)
		}
	}
	if list, _ := r.List(Filter{}); len(list) != 0 {
		t.Errorf("refused requests left %d tasks", len(list))
	}
}

func TestListAndGet(t *testing.T) {
	g := newGate()
	r := start(t, openStore(t), Options{Workers: 1, Exec: g.exec})
	a1, b1, a2 := submit(t, r, "acme"), submit(t, r, "bistro"), submit(t, r, "acme")
	g.next(t)
	tests := []struct {
		f    Filter
		want []string
	}{
		{Filter{}, []string{a2.ID, b1.ID, a1.ID}},
		{Filter{Client: "acme"}, []string{a2.ID, a1.ID}},
		{Filter{Limit: 1}, []string{a2.ID}},
		{Filter{Client: "nobody"}, nil},
	}
	for _, tc := range tests {
		list, err := r.List(tc.f)
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, task := range list {
			ids = append(ids, task.ID)
		}
		if strings.Join(ids, ",") != strings.Join(tc.want, ",") {
			t.Errorf("List(%+v) = %v, want %v", tc.f, ids, tc.want)
		}
	}
	if got := get(t, r, a1.ID); got.Status != Running || got.Owner.Instance != r.owner.Instance {
		t.Errorf("running task: %s owned by %+v", got.Status, got.Owner)
	}
	if b, err := get(t, r, b1.ID).Backup(); err != nil || b.Client != "bistro" {
		t.Errorf("request of %s: %+v %v", b1.ID, b, err)
	}
	for _, id := range []string{"", "0", "007", "abc", "99"} {
		if _, err := r.Get(id); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("Get(%q): %v, want not found", id, err)
		}
	}
}
