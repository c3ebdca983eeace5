package auth

import (
	"sync"
	"time"
)

// Limiter counts failed logins per key (a client IP, a login) over a sliding window; a key
// with Max failures in the window is refused until the oldest leaves it. Safe for concurrent
// use; memory is bounded by MaxKeys.
type Limiter struct {
	Max     int           // failures allowed per window
	Window  time.Duration // the window
	MaxKeys int           // keys kept at most; when full, the oldest entries go first
	now     func() time.Time
	mu      sync.Mutex
	fails   map[string][]time.Time
}

// NewLimiter allows max failures per key per window.
func NewLimiter(now func() time.Time, max int, window time.Duration) *Limiter {
	return &Limiter{Max: max, Window: window, MaxKeys: 100000, now: now, fails: map[string][]time.Time{}}
}

// Allowed reports whether every key may try again; if not, retry is how long to wait.
func (l *Limiter) Allowed(keys ...string) (ok bool, retry time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	for _, k := range keys {
		f := l.recent(k, now)
		if len(f) >= l.Max {
			if d := f[0].Add(l.Window).Sub(now); d > retry {
				retry = d
			}
		}
	}
	return retry == 0, retry
}

// Fail records a failure for every key.
func (l *Limiter) Fail(keys ...string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	if len(l.fails) >= l.MaxKeys {
		l.evict(now)
	}
	for _, k := range keys {
		l.fails[k] = append(l.recent(k, now), now)
	}
}

// Reset forgets the failures of the keys (after a successful login).
func (l *Limiter) Reset(keys ...string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, k := range keys {
		delete(l.fails, k)
	}
}

// recent returns k's failures still in the window, dropping the others; l.mu is held.
func (l *Limiter) recent(k string, now time.Time) []time.Time {
	f := l.fails[k]
	i := 0
	for i < len(f) && !f[i].Add(l.Window).After(now) {
		i++
	}
	if i == len(f) {
		delete(l.fails, k)
		return nil
	}
	f = f[i:]
	l.fails[k] = f
	return f
}

// evict drops keys with no failure in the window, then, if still full, half of the rest.
func (l *Limiter) evict(now time.Time) {
	for k := range l.fails {
		l.recent(k, now)
	}
	for k := range l.fails {
		if len(l.fails) < l.MaxKeys/2 {
			return
		}
		delete(l.fails, k)
	}
}
