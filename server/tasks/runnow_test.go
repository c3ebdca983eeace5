package tasks

import (
	"context"
	"testing"
	"time"

	"coffre/engine/backup"
	"coffre/server/lock"
)

func TestRunNowWaitsForTheClientAndRunsInTheForeground(t *testing.T) {
	st := openStore(t)
	g := newGate()
	server := start(t, st, Options{Exec: g.exec})
	cli := start(t, st, Options{Exec: g.exec})
	panel := submit(t, server, "acme")
	g.next(t)

	type outcome struct {
		task Task
		err  error
	}
	done := make(chan outcome, 1)
	go func() {
		task, err := cli.RunNow(context.Background(), backupOf("acme"))
		done <- outcome{task, err}
	}()
	g.finish(panel.ID, nil) // the CLI's task may start only now
	own := g.next(t)
	if own.Status != Running || own.Owner.Instance != cli.owner.Instance {
		t.Errorf("CLI task as Exec sees it: %s owned by %+v", own.Status, own.Owner)
	}
	if seen := get(t, server, own.ID); seen.Status != Running {
		t.Errorf("the server sees the CLI's task as %s, want running", seen.Status)
	}
	g.finish(own.ID, nil)
	res := <-done
	if res.err != nil || res.task.Status != Done || res.task.ID != own.ID {
		t.Errorf("RunNow: %+v %v", res.task, res.err)
	}
	if g.maxClient > 1 {
		t.Errorf("%d tasks of one client ran at once", g.maxClient)
	}
}

func TestCancelReachesATaskOfAnotherProcess(t *testing.T) {
	st := openStore(t)
	started := make(chan string, 1)
	exec := func(ctx context.Context, task Task, rep *Reporter) (any, error) {
		started <- task.ID
		for i := int64(0); ctx.Err() == nil; i++ {
			rep.Progress(backup.Progress{Phase: "archive", Files: i})
		}
		return nil, ctx.Err()
	}
	cli := start(t, st, Options{Exec: exec, Clock: newClock(100 * time.Millisecond).Now})
	server := start(t, st, Options{Exec: exec})
	done := make(chan Task, 1)
	go func() {
		task, _ := cli.RunNow(context.Background(), backupOf("acme"))
		done <- task
	}()
	id := <-started
	if got, err := server.Cancel(id); err != nil || !got.CancelRequested {
		t.Fatalf("cancel from the server: %+v %v", got, err)
	}
	if got := <-done; got.Status != Cancelled || !got.CancelRequested {
		t.Errorf("CLI task after the server's cancel: %s", got.Status)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if got, err := server.Wait(ctx, id); err != nil || got.Status != Cancelled {
		t.Errorf("the server waits for the CLI's task: %s %v", got.Status, err)
	}
}

func TestATaskWaitsWhileAnotherProcessHoldsItsClient(t *testing.T) {
	st := openStore(t)
	g := newGate()
	release, err := lock.TryClient(st.Dir(), "acme") // a CLI backup of acme runs
	if err != nil {
		t.Fatal(err)
	}
	r := start(t, st, Options{Exec: g.exec, Poll: 10 * time.Millisecond})
	a, b := submit(t, r, "acme"), submit(t, r, "bistro")
	if next := g.next(t); next.ID != b.ID {
		t.Fatalf("started %s, want bistro's %s while acme is locked", next.ID, b.ID)
	}
	if s := get(t, r, a.ID).Status; s != Queued {
		t.Errorf("acme's task while another process holds acme: %s, want queued", s)
	}
	release()
	if next := g.next(t); next.ID != a.ID {
		t.Fatalf("started %s, want acme's %s once the lock is free", next.ID, a.ID)
	}
	g.finish(a.ID, nil)
	g.finish(b.ID, nil)
}
