package scheduler

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"time"

	"coffre/server/jobs"
	"coffre/server/store"
	"coffre/server/tasks"
)

// Tasks is what the scheduler needs of the task runner (tasks.Runner).
type Tasks interface {
	Submit(ctx context.Context, req tasks.Request) (tasks.Task, error)
	Get(id string) (tasks.Task, error)
	List(f tasks.Filter) ([]tasks.Task, error)
}

// Options tune New. Zero values get defaults: Clock time.Now, Location time.Local, Every 30 s,
// Grace 5 minutes, Alert and Log no-ops.
type Options struct {
	Clock    func() time.Time
	Location *time.Location // the host's time zone: schedules read its wall clock
	Every    time.Duration  // how often Run ticks
	// Grace is how long after its due time a run still counts as on time.
	Grace time.Duration
	// Alert mails the administrator that schedule s has not succeeded since since (twice its
	// period or more). Called at most once per run of failures.
	Alert func(ctx context.Context, s Schedule, since time.Time) error
	Log   *slog.Logger
}

func (o Options) withDefaults() Options {
	if o.Clock == nil {
		o.Clock = time.Now
	}
	if o.Location == nil {
		o.Location = time.Local
	}
	if o.Every <= 0 {
		o.Every = 30 * time.Second
	}
	if o.Grace <= 0 {
		o.Grace = 5 * time.Minute
	}
	if o.Alert == nil {
		o.Alert = func(context.Context, Schedule, time.Time) error { return nil }
	}
	if o.Log == nil {
		o.Log = slog.New(slog.DiscardHandler)
	}
	return o
}

// Scheduler queues the runs of the schedules of one data directory. Safe for concurrent use;
// one process ticks (coffre serve), any may Set.
type Scheduler struct {
	st    *store.Store
	tasks Tasks
	jobs  *jobs.Jobs
	opts  Options
	mu    sync.Mutex // one tick at a time
}

// New returns the scheduler of st's schedules, queueing runs on t and checking requests with j.
func New(st *store.Store, t Tasks, j *jobs.Jobs, o Options) *Scheduler {
	return &Scheduler{st: st, tasks: t, jobs: j, opts: o.withDefaults()}
}

// Location is the time zone the schedules read.
func (s *Scheduler) Location() *time.Location { return s.opts.Location }

// Run ticks now, then every Every until ctx is done: a run missed while the server was down
// is queued at once.
func (s *Scheduler) Run(ctx context.Context) {
	t := time.NewTicker(s.opts.Every)
	defer t.Stop()
	for {
		if err := s.Tick(ctx); err != nil {
			s.opts.Log.Error("schedules", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// Set checks sc (its fields, then the backup against the client's rights: a *jobs.Refusal)
// and stores it. Its runs count from now: the next is When.Next(now).
func (s *Scheduler) Set(sc Schedule) (Schedule, error) { return s.SetWithPassword(sc, Password{}) }

// SetWithPassword is Set that also keeps a new backup password for the runs, sealed, or
// forgets the kept one; a zero pw leaves the kept password as it is.
func (s *Scheduler) SetWithPassword(sc Schedule, pw Password) (Schedule, error) {
	sc, err := s.check(sc)
	if err == nil {
		err = checkPassword(pw)
	}
	if err != nil {
		return Schedule{}, err
	}
	sealed, err := s.seal(sc, pw)
	if err != nil {
		return Schedule{}, err
	}
	sc.Updated = s.opts.Clock()
	return put(s.st, sc, sealed, pw.Forget)
}

// Next is when sc runs next, from its last handled due time (or from now for a new one).
func (s *Scheduler) Next(sc Schedule) time.Time {
	from := sc.State.LastDue
	if from.IsZero() {
		from = s.opts.Clock()
	}
	return sc.When.Next(from, s.opts.Location)
}

// Tick handles every schedule once: it records how the last run ended, mails the
// administrator about a schedule failing for twice its period, and queues the run that is
// due, if any. Tests call it with an injected clock.
func (s *Scheduler) Tick(ctx context.Context) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	all, err := List(s.st, "")
	if err != nil {
		return err
	}
	busy, err := s.busyClients()
	if err != nil {
		return err
	}
	for _, sc := range all {
		before := sc.State
		s.tick(ctx, &sc, busy)
		if sc.State != before {
			if err := saveState(s.st, sc); err != nil {
				return fmt.Errorf("schedule %s of %s: %w", sc.ID, sc.Client, err)
			}
		}
	}
	return nil
}

// busyClients returns the clients with a task queued or running.
func (s *Scheduler) busyClients() (map[string]bool, error) {
	ts, err := s.tasks.List(tasks.Filter{})
	if err != nil {
		return nil, err
	}
	busy := map[string]bool{}
	for _, t := range ts {
		if !t.Status.Ended() {
			busy[t.Client] = true
		}
	}
	return busy, nil
}

// tick handles sc at the clock's time; busy is the clients with a live task, updated.
func (s *Scheduler) tick(ctx context.Context, sc *Schedule, busy map[string]bool) {
	now := s.opts.Clock()
	s.observe(sc)
	s.alert(ctx, sc, now)
	due := sc.When.Next(sc.State.LastDue, s.opts.Location)
	if due.IsZero() || due.After(now) {
		return
	}
	last, missed := due, 0
	for n := sc.When.Next(last, s.opts.Location); !n.IsZero() && !n.After(now); n = sc.When.Next(n, s.opts.Location) {
		last, missed = n, missed+1
	}
	sc.State.LastDue = last
	if sc.State.LastTask != "" && sc.State.LastStatus == string(tasks.Queued) {
		s.opts.Log.Info("schedule run folded into the queued one", "client", sc.Client, "schedule", sc.ID, "task", sc.State.LastTask)
		return
	}
	t, err := s.submit(ctx, *sc, s.request(*sc, due, now, missed, busy[sc.Client]))
	if err != nil {
		s.opts.Log.Error("queue scheduled backup", "client", sc.Client, "schedule", sc.ID, "err", err)
		sc.State.LastStatus, sc.State.LastEnded = string(tasks.Failed), now
		return
	}
	sc.State.LastTask, sc.State.LastStatus = t.ID, string(t.Status)
	busy[sc.Client] = true
}

// submit queues req, the run of sc, giving it the kept backup password of a protected schedule.
func (s *Scheduler) submit(ctx context.Context, sc Schedule, req tasks.Request) (tasks.Task, error) {
	if sc.PasswordKept {
		if err := s.keepRunPassword(sc, req); err != nil {
			return tasks.Task{}, err
		}
	}
	return s.tasks.Submit(ctx, req)
}

// request is the run of sc due at due, queued at now after missed other due times.
func (s *Scheduler) request(sc Schedule, due, now time.Time, missed int, busy bool) tasks.Request {
	b := sc.Backup
	b.Client, b.Schedule, b.Protected = sc.Client, sc.ID, sc.PasswordKept
	if b.Incremental && s.fullDue(sc, due) {
		b.Incremental = false
	}
	run := &tasks.Scheduled{ID: sc.ID, Due: due, Missed: missed, ErrorsOnly: sc.NotifyOn != NotifyAlways,
		LowPriority: sc.LowPriority, Late: s.late(due, now, missed, busy)}
	run.Retention, _ = Policies(s.st, sc.Client, b.Storage, nil) // none when unreadable: nothing deleted
	req := tasks.BackupRequest(b)
	req.Schedule = run
	return req
}

// fullDue reports whether an incremental schedule's run due at due starts a new chain.
func (s *Scheduler) fullDue(sc Schedule, due time.Time) bool {
	last := sc.State.LastFull
	switch {
	case sc.FullEvery == "":
		return false
	case last.IsZero():
		return true
	case sc.FullEvery == FullMonthly:
		return !due.Before(last.AddDate(0, 1, 0))
	}
	return !due.Before(last.AddDate(0, 0, 7))
}

// late says why the run due at due is not starting on time, "" when it is: busy when a task
// of the same client is queued or running.
func (s *Scheduler) late(due, now time.Time, missed int, busy bool) string {
	var why []string
	if now.Sub(due) > s.opts.Grace {
		w := "the server was not running at " + due.In(s.opts.Location).Format("2006-01-02 15:04 MST")
		if missed > 0 {
			w += fmt.Sprintf(" (%d later run(s) missed too; it runs once)", missed)
		}
		why = append(why, w)
	}
	if busy {
		why = append(why, "a task of the same client was still running")
	}
	return strings.Join(why, "; ")
}
