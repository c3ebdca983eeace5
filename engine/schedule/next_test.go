package schedule

import (
	"testing"
	"time"
)

func paris(t *testing.T) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func TestNext(t *testing.T) {
	loc := paris(t)
	at := func(s string) time.Time {
		v, err := time.ParseInLocation("2006-01-02 15:04", s, loc)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	utc := func(s string) time.Time {
		v, _ := time.Parse("2006-01-02 15:04", s)
		return v
	}
	cases := []struct {
		name  string
		w     When
		after time.Time
		want  time.Time
	}{
		{"daily later today", When{Every: Daily, At: "02:00"}, at("2026-11-25 01:00"), at("2026-11-25 02:00")},
		{"daily at the time is tomorrow", When{Every: Daily, At: "02:00"}, at("2026-11-25 02:00"), at("2026-11-26 02:00")},
		{"daily past the time", When{Every: Daily, At: "02:00"}, at("2026-11-25 09:30"), at("2026-11-26 02:00")},
		{"daily end of month", When{Every: Daily, At: "23:59"}, at("2026-12-31 23:59"), at("2027-01-01 23:59")},
		{"daily skipped by spring forward runs at 03:00", When{Every: Daily, At: "02:30"}, at("2026-03-28 03:00"), utc("2026-03-29 01:00")},
		{"daily after spring forward", When{Every: Daily, At: "02:30"}, utc("2026-03-29 01:00"), at("2026-03-30 02:30")},
		{"daily repeated by fall back runs the first time", When{Every: Daily, At: "02:30"}, at("2026-10-24 03:00"), utc("2026-10-25 00:30")},
		{"daily after the first of two", When{Every: Daily, At: "02:30"}, utc("2026-10-25 00:30"), at("2026-10-26 02:30")},
		{"weekly monday", When{Every: Weekly, At: "04:15", Weekday: 1}, at("2026-11-25 09:00"), at("2026-11-30 04:15")},
		{"weekly same day later", When{Every: Weekly, At: "22:00", Weekday: 3}, at("2026-11-25 09:00"), at("2026-11-25 22:00")},
		{"weekly same day past", When{Every: Weekly, At: "08:00", Weekday: 3}, at("2026-11-25 09:00"), at("2026-12-02 08:00")},
		{"monthly", When{Every: Monthly, At: "03:00", Day: 1}, at("2026-11-25 09:00"), at("2026-12-01 03:00")},
		{"monthly 31 in a short month", When{Every: Monthly, At: "03:00", Day: 31}, at("2026-11-25 09:00"), at("2026-11-30 03:00")},
		{"monthly 31 in february", When{Every: Monthly, At: "03:00", Day: 31}, at("2026-01-31 04:00"), at("2026-02-28 03:00")},
		{"monthly 29 in a leap february", When{Every: Monthly, At: "03:00", Day: 29}, at("2028-02-01 00:00"), at("2028-02-29 03:00")},
		{"hourly", When{Every: Hourly, Minute: 15}, at("2026-11-25 09:20"), at("2026-11-25 10:15")},
		{"hourly same hour", When{Every: Hourly, Minute: 15}, at("2026-11-25 09:10"), at("2026-11-25 09:15")},
		{"hourly across fall back", When{Every: Hourly}, utc("2026-10-25 00:00"), utc("2026-10-25 01:00")},
		{"invalid", When{Every: "yearly"}, at("2026-11-25 09:10"), time.Time{}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := c.w.Next(c.after, loc); !got.Equal(c.want) {
				t.Errorf("Next(%s) = %s, want %s", c.after, got.In(loc), c.want.In(loc))
			}
		})
	}
}

// A daily schedule runs exactly once on each day of a year, DST days included, and at its
// wall-clock time except on the night the clock skips it.
func TestNextDailyOncePerDayForAYear(t *testing.T) {
	loc := paris(t)
	w := When{Every: Daily, At: "02:30"}
	days := map[string]int{}
	at := time.Date(2026, 1, 1, 0, 0, 0, 0, loc)
	end := time.Date(2027, 1, 1, 0, 0, 0, 0, loc)
	for at = w.Next(at, loc); at.Before(end); at = w.Next(at, loc) {
		local := at.In(loc)
		days[local.Format("2006-01-02")]++
		if hm := local.Format("15:04"); hm != "02:30" && local.Format("01-02") != "03-29" {
			t.Errorf("run at %s", local)
		}
	}
	if len(days) != 365 {
		t.Errorf("%d days with a run, want 365", len(days))
	}
	for d, n := range days {
		if n != 1 {
			t.Errorf("%s: %d runs", d, n)
		}
	}
}

func TestValidate(t *testing.T) {
	cases := []struct {
		w    When
		code string
	}{
		{When{Every: Daily, At: "02:00"}, ""},
		{When{Every: Daily, At: "2:05"}, ""},
		{When{Every: Daily, At: "24:00"}, CodeInvalidAt},
		{When{Every: Daily, At: "02:0"}, CodeInvalidAt},
		{When{Every: Daily}, CodeInvalidAt},
		{When{Every: Weekly, At: "02:00", Weekday: 7}, CodeInvalidWeekday},
		{When{Every: Monthly, At: "02:00"}, CodeInvalidDay},
		{When{Every: Monthly, At: "02:00", Day: 32}, CodeInvalidDay},
		{When{Every: Hourly, Minute: 60}, CodeInvalidMinute},
		{When{Every: ""}, CodeInvalidEvery},
	}
	for _, c := range cases {
		es := c.w.Validate()
		got := ""
		if len(es) > 0 {
			got = es[0].Code
		}
		if got != c.code {
			t.Errorf("%+v: code %q, want %q", c.w, got, c.code)
		}
	}
}
