package cli

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"coffre/engine/protect"
	"coffre/engine/retention"
	"coffre/engine/schedule"
	"coffre/server/scheduler"
)

func init() {
	register(&command{name: "schedule set",
		usage:   "LOGIN [--id ID] --every hourly|daily|weekly|monthly [--at HH:MM] [--minute M] [--weekday 0-6|mon..sun] [--day D] [backup options as for coffre backup] [--full-every week|month] [--notify ADDR] [--notify-on errors|always] [--low-priority] [--keep-last N] [--keep-daily N] [--keep-weekly N] [--keep-monthly N] [--retention-scope schedule|storage] [--password-file F | --forget-password] [--yes]",
		summary: "Schedule a client's backup, in the host's time zone. Prints the next run and, when the retention rule would delete backups now, names them and asks for \"yes\" (unless --yes) before saving.",
		run:     scheduleSet})
	register(&command{name: "schedule show", usage: "[LOGIN] [--json]",
		summary: "Show a client's schedules, or every client's, with their next run and last result.", run: scheduleShow})
	register(&command{name: "schedule off", usage: "LOGIN [--id ID]",
		summary: "Remove a client's schedule; runs already queued still run.", run: scheduleOff})
	register(&command{name: "schedule alerts", usage: "[--to ADDR]",
		summary: "Where the mails about schedules failing for twice their period go (default: the SMTP sender address).", run: scheduleAlerts})
}

// whenFlags are the flags of a schedule's time.
type whenFlags struct {
	every, at, weekday *string
	minute, day        *int
}

func newWhenFlags(f *flags) *whenFlags {
	return &whenFlags{
		every:   f.String("every", "", "hourly, daily, weekly or monthly"),
		at:      f.String("at", "", "time of day HH:MM in the host's time zone (daily, weekly, monthly)"),
		minute:  f.Int("minute", 0, "minutes past the hour (hourly)"),
		weekday: f.String("weekday", "", "day of the week: 0 (Sunday) to 6, or sun, mon, ... (weekly)"),
		day:     f.Int("day", 0, "day of the month, 1 to 31; a shorter month runs on its last day (monthly)"),
	}
}

var weekdays = []string{"sun", "mon", "tue", "wed", "thu", "fri", "sat"}

func (w *whenFlags) when() (schedule.When, error) {
	out := schedule.When{Every: *w.every, At: *w.at, Minute: *w.minute, Day: *w.day}
	if *w.weekday == "" {
		return out, nil
	}
	if n, err := strconv.Atoi(*w.weekday); err == nil {
		out.Weekday = n
		return out, nil
	}
	for i, d := range weekdays {
		if strings.HasPrefix(strings.ToLower(*w.weekday), d) {
			out.Weekday = i
			return out, nil
		}
	}
	return out, usagef("--weekday: %q is not a day of the week (0-6, sun, mon, ...)", *w.weekday)
}

// openScheduler opens the engine and a scheduler to set and preview schedules; it queues
// nothing (coffre serve runs the schedules).
func openScheduler(f *flags) (*engine, *scheduler.Scheduler, error) {
	e, err := openEngine(f)
	if err != nil {
		return nil, nil, err
	}
	return e, scheduler.New(e.st, nil, e.jobs, scheduler.Options{}), nil
}

// scheduleFlags are the flags of schedule set beyond the backup's and the time's.
type scheduleFlags struct {
	backup                  *backupFlags
	when                    *whenFlags
	id, fullEvery, notifyOn *string
	scope                   *string
	low, yes                *bool
	rule                    retention.Rule
	passwordFile            *string
	forgetPassword          *bool
}

func newScheduleFlags(f *flags) *scheduleFlags {
	s := &scheduleFlags{backup: newBackupFlags(f), when: newWhenFlags(f),
		id:        f.String("id", scheduler.DefaultID, "the schedule's name, for a client with several"),
		fullEvery: f.String("full-every", "", "incremental: start a new chain with a full backup every week or month"),
		notifyOn:  f.String("notify-on", scheduler.NotifyErrors, "mail --notify on errors only, or always"),
		low:       f.Bool("low-priority", false, "run the backup at the lowest CPU and I/O priority"),
		scope:     f.String("retention-scope", scheduler.ScopeSchedule, "what the rule covers: the backups of this schedule, or every backup of the storage"),
		yes:       f.Bool("yes", false, "save even if the rule deletes backups, without asking"),
		passwordFile: f.String("password-file", "", "protect the scheduled backups with this password (the first line of the file): "+
			"it is kept on this host, encrypted, for the runs; without it a kept password stays"),
		forgetPassword: f.Bool("forget-password", false, "forget the kept backup password: the runs make unprotected backups again"),
	}
	f.IntVar(&s.rule.Last, "keep-last", 0, "retention: keep the last N backups")
	f.IntVar(&s.rule.Daily, "keep-daily", 0, "retention: keep the newest backup of each of the last N days")
	f.IntVar(&s.rule.Weekly, "keep-weekly", 0, "retention: ... of each of the last N weeks")
	f.IntVar(&s.rule.Monthly, "keep-monthly", 0, "retention: ... of each of the last N months")
	return s
}

func (s *scheduleFlags) schedule(login string) (scheduler.Schedule, error) {
	when, err := s.when.when()
	return scheduler.Schedule{ID: *s.id, Client: login, Backup: s.backup.spec(login), When: when, FullEvery: *s.fullEvery,
		NotifyOn: *s.notifyOn, LowPriority: *s.low, Retention: s.rule, RetentionScope: *s.scope}, err
}

// password is what to do with the schedule's kept backup password.
func (s *scheduleFlags) password() (scheduler.Password, error) {
	if *s.passwordFile == "" {
		return scheduler.Password{Forget: *s.forgetPassword}, nil
	}
	if *s.forgetPassword {
		return scheduler.Password{}, usagef("--password-file and --forget-password: give one or the other")
	}
	pw, err := readSecretFile(*s.passwordFile)
	if err != nil {
		return scheduler.Password{}, err
	}
	if _, err := protect.NewKey(string(pw)); err != nil {
		return scheduler.Password{}, fmt.Errorf("%s: %w", *s.passwordFile, err)
	}
	return scheduler.Password{New: string(pw)}, nil
}

func scheduleSet(ctx context.Context, env Env, args []string) error {
	f := newFlags(env, "schedule set").withJSON()
	sf := newScheduleFlags(f)
	pos, err := f.parse(args, 1)
	if err != nil {
		return err
	}
	sc, err := sf.schedule(pos[0])
	if err != nil {
		return err
	}
	pw, err := sf.password()
	if err != nil {
		return err
	}
	_, sch, err := openScheduler(f)
	if err != nil {
		return err
	}
	pv, err := sch.Preview(ctx, sc)
	if err != nil {
		return checked(err)
	}
	if !confirmPlan(env, pv, *sf.yes) {
		return errors.New("schedule not saved: not confirmed")
	}
	saved, err := sch.SetWithPassword(sc, pw)
	if err != nil {
		return checked(err)
	}
	if f.json {
		return printJSON(env.Stdout, scheduleView(sch, saved))
	}
	fmt.Fprintf(env.Stdout, "schedule %s of %s: %s in the host's time zone, next run %s\n", saved.ID, saved.Client,
		saved.When, sch.Next(saved).In(sch.Location()).Format("2006-01-02 15:04 MST"))
	if saved.PasswordKept {
		fmt.Fprintln(env.Stdout, "its backups are protected: the password is kept on this host, encrypted, for the runs")
	}
	return nil
}

// confirmPlan shows what the rule would delete now and asks for "yes" unless yes; nothing to
// delete needs no confirmation.
func confirmPlan(env Env, pv scheduler.Preview, yes bool) bool {
	if pv.PlanError != "" {
		fmt.Fprintf(env.Stderr, "could not read the storage to show what the rule would delete: %s\n", pv.PlanError)
	}
	n := pv.Plan.Count()
	if n == 0 {
		return true
	}
	var names []string
	for _, c := range pv.Plan.Delete {
		names = append(names, c.Names...)
	}
	fmt.Fprintf(env.Stderr, "with this rule, these %d backup(s) would go: %s\n", n, strings.Join(names, ", "))
	if yes {
		return true
	}
	fmt.Fprintf(env.Stderr, "save the schedule, deleting them after its next backup? type yes: ")
	line, _ := readLine(env.Stdin)
	return strings.TrimSpace(line) == "yes"
}

// scheduleRow is a schedule as `schedule show --json` prints it.
type scheduleRow struct {
	scheduler.Schedule
	Next time.Time `json:"next"`
}

func scheduleView(sch *scheduler.Scheduler, sc scheduler.Schedule) scheduleRow {
	return scheduleRow{Schedule: sc, Next: sch.Next(sc)}
}

func scheduleShow(ctx context.Context, env Env, args []string) error {
	f := newFlags(env, "schedule show").withJSON()
	pos, err := f.parse(args, -1)
	if err != nil {
		return err
	}
	if len(pos) > 1 {
		return usagef("want at most one LOGIN")
	}
	e, sch, err := openScheduler(f)
	if err != nil {
		return err
	}
	login := ""
	if len(pos) == 1 {
		login = pos[0]
		if _, err := e.st.Client(login); err != nil {
			return err
		}
	}
	all, err := scheduler.List(e.st, login)
	if err != nil {
		return err
	}
	rows := []scheduleRow{}
	for _, sc := range all {
		rows = append(rows, scheduleView(sch, sc))
	}
	if f.json {
		return printJSON(env.Stdout, rows)
	}
	return printSchedules(env, sch.Location(), rows)
}

func printSchedules(env Env, loc *time.Location, rows []scheduleRow) error {
	var out [][]string
	for _, r := range rows {
		kind := "full"
		if r.Backup.Incremental {
			kind = "incremental"
			if r.FullEvery != "" {
				kind += ", full every " + r.FullEvery
			}
		}
		if r.PasswordKept {
			kind += ", protected (password kept)"
		}
		out = append(out, []string{r.Client, r.ID, r.When.String(), r.Next.In(loc).Format("2006-01-02 15:04 MST"),
			r.Backup.Storage, kind, ruleText(r.Retention, r.RetentionScope), orDash(r.State.LastStatus), orDash(r.State.LastTask)})
	}
	return printTable(env.Stdout, []string{"CLIENT", "ID", "WHEN", "NEXT RUN", "STORAGE", "TYPE", "RETENTION", "LAST", "TASK"}, out)
}

// ruleText describes a retention rule: "last 3, 7 daily (schedule)".
func ruleText(r retention.Rule, scope string) string {
	if r.Off() {
		return "keep all"
	}
	var parts []string
	for _, p := range []struct {
		n    int
		name string
	}{{r.Last, "last %d"}, {r.Daily, "%d daily"}, {r.Weekly, "%d weekly"}, {r.Monthly, "%d monthly"}} {
		if p.n > 0 {
			parts = append(parts, fmt.Sprintf(p.name, p.n))
		}
	}
	return strings.Join(parts, ", ") + " (" + scope + ")"
}

func scheduleOff(ctx context.Context, env Env, args []string) error {
	f := newFlags(env, "schedule off")
	id := f.String("id", scheduler.DefaultID, "the schedule's name")
	pos, err := f.parse(args, 1)
	if err != nil {
		return err
	}
	st, err := f.existingStore()
	if err != nil {
		return err
	}
	if err := scheduler.Delete(st, pos[0], *id); err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "schedule %s of %s removed\n", *id, pos[0])
	return nil
}

func scheduleAlerts(ctx context.Context, env Env, args []string) error {
	f := newFlags(env, "schedule alerts")
	to := f.String("to", "", "the administrator's address; empty for the SMTP sender address")
	if _, err := f.parse(args, 0); err != nil {
		return err
	}
	st, err := f.existingStore()
	if err != nil {
		return err
	}
	if err := scheduler.SetAlerts(st, scheduler.Alerts{To: *to}); err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "alerts about failing schedules go to %s\n", orDash(*to))
	return nil
}
