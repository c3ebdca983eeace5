package scheduler

import (
	"context"
	"time"

	"coffre/engine/retention"
	"coffre/engine/spec"
	"coffre/server/jobs"
)

func init() {
	spec.AddMessages(map[string]string{
		CodeInvalidID:        "use 1 to 32 lowercase letters, digits and hyphens, starting with a letter or digit",
		CodeInvalidFullEvery: "must be week or month",
		CodeInvalidNotifyOn:  "must be errors or always",
		CodeInvalidScope:     "must be schedule or storage",
	})
}

// Preview is what a schedule would do if saved now: when it runs next, and what its retention
// rule, with the other rules of its storage, would delete today.
type Preview struct {
	Next time.Time      `json:"next"`
	Plan retention.Plan `json:"plan"`
	// PlanError says why the storage could not be read for the plan ("" when it was).
	PlanError string `json:"planError,omitempty"`
}

// Preview checks sc as Set does and says what it would do, changing nothing.
func (s *Scheduler) Preview(ctx context.Context, sc Schedule) (Preview, error) {
	sc, err := s.check(sc)
	if err != nil {
		return Preview{}, err
	}
	p := Preview{Next: sc.When.Next(s.opts.Clock(), s.opts.Location)}
	ps, err := Policies(s.st, sc.Client, sc.Backup.Storage, &sc)
	if err == nil {
		p.Plan, err = s.jobs.PrunePlan(ctx, sc.Client, sc.Backup.Storage, ps, s.opts.Location)
	}
	if err != nil {
		p.PlanError = err.Error()
	}
	return p, nil
}

// check fills sc's defaults and checks it: its fields, then its backup against the client's
// rights (a *jobs.Refusal).
func (s *Scheduler) check(sc Schedule) (Schedule, error) {
	if sc.ID == "" {
		sc.ID = DefaultID
	}
	if sc.NotifyOn == "" {
		sc.NotifyOn = NotifyErrors
	}
	if sc.RetentionScope == "" {
		sc.RetentionScope = ScopeSchedule
	}
	sc.Backup.Client, sc.Backup.Schedule = sc.Client, sc.ID
	if es := sc.Validate(); len(es) > 0 {
		return Schedule{}, &jobs.Refusal{Errors: es}
	}
	if err := s.jobs.CheckBackup(sc.Backup); err != nil {
		return Schedule{}, err
	}
	return sc, nil
}
