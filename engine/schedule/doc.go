// Package schedule says when a scheduled backup runs: hourly, daily, weekly or monthly at a
// wall-clock time of a time zone, and computes the next run after a given instant, across
// daylight-saving changes.
package schedule
