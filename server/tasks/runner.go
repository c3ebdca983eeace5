package tasks

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"log/slog"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"coffre/server/failure"
	"coffre/server/store"
)

// Exec does the work of a task: a backup, a restore or a verification, as t.Kind says. It
// runs on its own goroutine while the runner holds the client's lock; it reports through r
// and returns what the task's Result records (backup.Result, restore.Result or
// verify.Report). It must return soon after ctx is done.
type Exec func(ctx context.Context, t Task, r *Reporter) (result any, err error)

// Options tune New. Zero values get defaults in New: Workers 2, Clock time.Now, Log discards,
// Notify, Cleanup and OnUpdate no-ops, FlushEvery 1 s, Poll 2 s.
type Options struct {
	Workers int // tasks run at once by this runner; one per client whatever the number
	Clock   func() time.Time
	Exec    Exec // required
	// Notify mails t.Notify about the ended task t. Its error is recorded on the task (Mail)
	// and never changes the task's status. Called only when t.Notify is set.
	Notify func(ctx context.Context, t Task) error
	// Cleanup removes what an interrupted task left behind (for a backup, backup.Clean of the
	// client's storage). It runs under the client's lock; its error goes to the task's log.
	Cleanup func(ctx context.Context, t Task) error
	// OnUpdate is called with the task after each change made by this runner (progress,
	// warning, status), on the goroutine that made it. It must be quick.
	OnUpdate func(t Task)
	Log      *slog.Logger
	// FlushEvery is how often a running task's state is written to the store (when it
	// changed), by a ticker of its own, and how often a cancellation asked through the store is
	// looked for; the latest progress is always in memory, and the final state always written.
	FlushEvery time.Duration
	// Poll is how often a task blocked by another process's lock of its client is retried,
	// and how often Wait and Updates re-read a task run by another process.
	Poll time.Duration
}

func (o Options) withDefaults() Options {
	if o.Workers <= 0 {
		o.Workers = 2
	}
	if o.Clock == nil {
		o.Clock = time.Now
	}
	if o.Log == nil {
		o.Log = slog.New(slog.DiscardHandler)
	}
	if o.Notify == nil {
		o.Notify = func(context.Context, Task) error { return nil }
	}
	if o.Cleanup == nil {
		o.Cleanup = func(context.Context, Task) error { return nil }
	}
	if o.OnUpdate == nil {
		o.OnUpdate = func(Task) {}
	}
	if o.FlushEvery <= 0 {
		o.FlushEvery = time.Second
	}
	if o.Poll <= 0 {
		o.Poll = 2 * time.Second
	}
	return o
}

// Runner runs the tasks of one data directory. The server keeps one (New, Recover, Submit);
// the CLI makes one to run its own task in the foreground (RunNow). Safe for concurrent use.
type Runner struct {
	st    *store.Store
	opts  Options
	owner Owner

	base   context.Context // parent of every task's context; cancelled by Close
	stop   context.CancelCauseFunc
	wake   chan struct{}
	done   chan struct{} // closed when the scheduler has stopped
	wg     sync.WaitGroup
	writes atomic.Int64 // store writes of task state, for tests

	mu      sync.Mutex
	queue   []Task          // queued tasks this runner will run, oldest first
	busy    map[string]bool // clients with a task running here
	running int
	live    map[string]*job // tasks this runner is running or about to
	closed  bool
	changed chan struct{} // closed and replaced at each change
	retry   bool          // a retry timer is pending
}

// New returns a runner of the store's tasks and starts its scheduler. Call Recover once at
// server start; call Close when done.
func New(st *store.Store, opts Options) (*Runner, error) {
	if opts.Exec == nil {
		return nil, fmt.Errorf("new task runner: no Exec")
	}
	id := make([]byte, 8)
	rand.Read(id)
	ctx, stop := context.WithCancelCause(context.Background())
	r := &Runner{
		st: st, opts: opts.withDefaults(),
		owner: Owner{PID: os.Getpid(), Instance: hex.EncodeToString(id)},
		base:  ctx, stop: stop,
		wake: make(chan struct{}, 1), done: make(chan struct{}),
		busy: map[string]bool{}, live: map[string]*job{}, changed: make(chan struct{}),
	}
	go r.loop()
	return r, nil
}

// errShutdown is the cause of the contexts cancelled by Close.
var errShutdown = failure.New(failure.Interrupted, "the server stopped while the task ran")

// Close stops scheduling, cancels the running tasks (they end interrupted, cleaned up) and
// waits for them until ctx is done. Queued tasks stay queued in the store for the next start.
func (r *Runner) Close(ctx context.Context) error {
	r.mu.Lock()
	r.closed = true
	r.mu.Unlock()
	r.stop(errShutdown)
	r.poke()
	idle := make(chan struct{})
	go func() { <-r.done; r.wg.Wait(); close(idle) }()
	select {
	case <-idle:
		return nil
	case <-ctx.Done():
		return fmt.Errorf("close task runner: %w", ctx.Err())
	}
}

// poke wakes the scheduler.
func (r *Runner) poke() {
	select {
	case r.wake <- struct{}{}:
	default:
	}
}

// signal tells waiters that some task changed.
func (r *Runner) signal() {
	r.mu.Lock()
	close(r.changed)
	r.changed = make(chan struct{})
	r.mu.Unlock()
}

// update runs fn in a store transaction and counts it as a write of task state.
func (r *Runner) update(fn func(*store.Tx) error) error {
	r.writes.Add(1)
	return r.st.Update(fn)
}
