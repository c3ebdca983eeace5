package schedule

import "time"

// Next returns the first run strictly after after, in loc's wall clock. It is the zero time
// when w is not valid. Across daylight-saving changes a daily, weekly or monthly run happens
// once: a time that the clock skips runs when the clock jumps over it (02:30 on a night that
// goes from 02:00 to 03:00 runs at 03:00), a time that happens twice runs the first time.
// Hourly runs are every hour of real time, at Minute past the hour of loc's clock.
func (w When) Next(after time.Time, loc *time.Location) time.Time {
	if len(w.Validate()) > 0 {
		return time.Time{}
	}
	if w.Every == Hourly {
		return nextHourly(after, w.Minute, loc)
	}
	h, m, _ := parseAt(w.At)
	local := after.In(loc)
	y, mo, d := local.Date()
	switch w.Every {
	case Daily, Weekly:
		for i := 0; i <= 8; i++ {
			day := time.Date(y, mo, d+i, 12, 0, 0, 0, loc)
			if w.Every == Weekly && int(day.Weekday()) != w.Weekday {
				continue
			}
			if t := wall(day.Year(), day.Month(), day.Day(), h, m, loc); t.After(after) {
				return t
			}
		}
	case Monthly:
		for i := 0; i <= 2; i++ {
			first := time.Date(y, mo+time.Month(i), 1, 12, 0, 0, 0, loc)
			day := min(w.Day, daysIn(first.Year(), first.Month(), loc))
			if t := wall(first.Year(), first.Month(), day, h, m, loc); t.After(after) {
				return t
			}
		}
	}
	return time.Time{}
}

// nextHourly is the first instant after after whose wall clock in loc reads minute past an
// hour.
func nextHourly(after time.Time, minute int, loc *time.Location) time.Time {
	local := after.In(loc)
	t := time.Date(local.Year(), local.Month(), local.Day(), local.Hour(), minute, 0, 0, loc)
	if t.Hour() != local.Hour() { // loc shifted its clock inside this hour: use real time
		t = after.Truncate(time.Hour).Add(time.Duration(minute) * time.Minute)
	}
	for !t.After(after) {
		t = t.Add(time.Hour)
	}
	return t
}

func daysIn(y int, mo time.Month, loc *time.Location) int {
	return time.Date(y, mo+1, 0, 12, 0, 0, 0, loc).Day()
}

// wall is the instant loc's clock reads h:m on that day: the end of a gap that skips it, the
// first of two instants that read it.
func wall(y int, mo time.Month, d, h, m int, loc *time.Location) time.Time {
	t := time.Date(y, mo, d, h, m, 0, 0, loc)
	if t.Hour() != h || t.Minute() != m { // skipped: the clock jumped over h:m
		start, end := t.ZoneBounds()
		if t.Hour()*60+t.Minute() < h*60+m {
			return end
		}
		return start
	}
	start, _ := t.ZoneBounds()
	if start.IsZero() {
		return t
	}
	_, before := start.Add(-time.Second).Zone()
	_, now := t.Zone()
	if before > now { // the clock went back: h:m may also have been read before the change
		earlier := t.Add(-time.Duration(before-now) * time.Second)
		if e := earlier.In(loc); e.Hour() == h && e.Minute() == m {
			return earlier
		}
	}
	return t
}
