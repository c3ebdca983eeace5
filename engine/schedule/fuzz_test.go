package schedule

import (
	"testing"
	"time"
)

// Whatever a request holds, Next never panics: an invalid When gives the zero time, a valid one
// a run after the instant given, within its period and a day (a month's longest gap, a clock
// change), on a whole minute, in zones with whole-hour, half-hour and 30-minute DST shifts.
func FuzzNext(f *testing.F) {
	f.Add("daily", "02:30", 0, 0, 0, int64(1774746000))
	f.Add("weekly", "23:59", 0, 6, 0, int64(1793228400))
	f.Add("monthly", "00:00", 0, 0, 31, int64(1769904000))
	f.Add("hourly", "", 59, 0, 0, int64(1761350400))
	zones := []string{"Europe/Paris", "America/New_York", "Australia/Lord_Howe", "Asia/Kolkata", "UTC"}
	f.Fuzz(func(t *testing.T, every, at string, minute, weekday, day int, unix int64) {
		w := When{Every: every, At: at, Minute: minute, Weekday: weekday, Day: day}
		after := time.Unix(unix%(1<<33), 0)
		for _, z := range zones {
			loc, err := time.LoadLocation(z)
			if err != nil {
				t.Skip(err)
			}
			next := w.Next(after, loc)
			if len(w.Validate()) > 0 {
				if !next.IsZero() {
					t.Fatalf("invalid %+v gives %s", w, next)
				}
				continue
			}
			if !next.After(after) || next.Sub(after) > w.Period()+25*time.Hour || next.Second() != 0 {
				t.Fatalf("%+v in %s after %s: %s", w, z, after.In(loc), next.In(loc))
			}
		}
	})
}
