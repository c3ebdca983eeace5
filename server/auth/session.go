package auth

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"time"

	"coffre/server/store"
)

// CookieName is the session cookie's name.
const CookieName = "coffre_session"

// Session lifetimes: a session ends after DefaultIdle without a request, and DefaultMax after
// login whatever its use.
const (
	DefaultIdle = 8 * time.Hour
	DefaultMax  = 7 * 24 * time.Hour
)

// touchEvery is how stale a session's last use may be before a request records it again: the
// idle time is measured to within this, and a busy panel writes once a minute, not per request.
const touchEvery = time.Minute

// bucketSessions holds the sessions, keyed by the hex SHA-256 of their id.
const bucketSessions = "sessions"

// ErrNoSession is returned for a missing, unknown, ended or expired session id.
var ErrNoSession = errors.New("no such session")

// Session is a logged-in user. Changed is the user's password stamp at login: a session whose
// user has changed password since is no longer valid (the caller compares). Expires is when it
// ends at the latest (login + the maximum age); it ends earlier when left idle.
type Session struct {
	Login   string
	Role    string
	Client  string
	Changed time.Time
	Expires time.Time
}

// sessionRecord is a session at rest. Its key is the hash of the id, never the id: a copy of
// the data directory does not hand out sessions.
type sessionRecord struct {
	Login   string    `json:"login"`
	Role    string    `json:"role"`
	Client  string    `json:"client,omitempty"`
	Changed time.Time `json:"changed"`
	Created time.Time `json:"created"`
	Seen    time.Time `json:"seen"` // the last request, to within touchEvery
}

// SessionOptions tune NewSessions. Zero values get defaults: Idle DefaultIdle, Max DefaultMax,
// Now the store's clock.
type SessionOptions struct {
	Idle time.Duration // a session unused this long ends
	Max  time.Duration // a session ends this long after login, used or not
	Now  func() time.Time
}

// Sessions keeps the panel's sessions in the store, so that they survive a restart of the
// server. Safe for concurrent use.
type Sessions struct {
	st   *store.Store
	opts SessionOptions
}

// NewSessions returns the session table kept in st.
func NewSessions(st *store.Store, opts SessionOptions) *Sessions {
	if opts.Idle <= 0 {
		opts.Idle = DefaultIdle
	}
	if opts.Max <= 0 {
		opts.Max = DefaultMax
	}
	if opts.Now == nil {
		opts.Now = st.Now
	}
	return &Sessions{st: st, opts: opts}
}

// Create opens a session for u and returns its id, to be sent in the cookie. Expired sessions
// are dropped on the way.
func (s *Sessions) Create(u store.User) (id string, sess Session, err error) {
	raw := make([]byte, 32)
	rand.Read(raw) // never fails (crypto/rand)
	id = base64.RawURLEncoding.EncodeToString(raw)
	now := s.opts.Now().UTC()
	rec := sessionRecord{Login: u.Login, Role: u.Role, Client: u.Client, Changed: u.Changed, Created: now, Seen: now}
	err = s.st.Update(func(tx *store.Tx) error {
		if err := s.prune(tx, now); err != nil {
			return err
		}
		return store.Put(tx, bucketSessions, key(id), rec)
	})
	if err != nil {
		return "", Session{}, fmt.Errorf("open session: %w", err)
	}
	return id, s.session(rec), nil
}

// Get returns the live session with that id and records its use; ErrNoSession if there is none.
// An expired session is deleted.
func (s *Sessions) Get(id string) (Session, error) {
	if id == "" || len(id) > 64 {
		return Session{}, ErrNoSession
	}
	var rec sessionRecord
	var ok bool
	err := s.st.View(func(tx *store.Tx) (err error) {
		rec, ok, err = store.Get[sessionRecord](tx, bucketSessions, key(id))
		return err
	})
	if err != nil {
		return Session{}, fmt.Errorf("read session: %w", err)
	}
	if !ok {
		return Session{}, ErrNoSession
	}
	now := s.opts.Now().UTC()
	if s.expired(rec, now) {
		return Session{}, errors.Join(ErrNoSession, s.Delete(id))
	}
	if now.Sub(rec.Seen) >= touchEvery {
		if err := s.touch(id, now); err != nil {
			return Session{}, err
		}
	}
	return s.session(rec), nil
}

// touch records a use of the session, unless it was deleted meanwhile.
func (s *Sessions) touch(id string, now time.Time) error {
	err := s.st.Update(func(tx *store.Tx) error {
		rec, ok, err := store.Get[sessionRecord](tx, bucketSessions, key(id))
		if err != nil || !ok {
			return err
		}
		rec.Seen = now
		return store.Put(tx, bucketSessions, key(id), rec)
	})
	if err != nil {
		return fmt.Errorf("record session use: %w", err)
	}
	return nil
}

// Delete ends the session with that id (logout); an unknown id is not an error.
func (s *Sessions) Delete(id string) error {
	err := s.st.Update(func(tx *store.Tx) error { return store.Delete(tx, bucketSessions, key(id)) })
	if err != nil {
		return fmt.Errorf("end session: %w", err)
	}
	return nil
}

// DeleteSessionsOf ends every session of the user login except those whose ids are in keep,
// and returns how many it ended. A password change already ends the sessions opened before it
// (their password stamp no longer matches the user's: the API refuses them and deletes them
// when they come back); DeleteSessionsOf removes them at once. To keep the browser that changed
// the password logged in, Create a new session for the updated user and send its cookie.
func (s *Sessions) DeleteSessionsOf(login string, keep ...string) (int, error) {
	kept := map[string]bool{}
	for _, id := range keep {
		kept[key(id)] = true
	}
	var ended []string
	err := s.st.Update(func(tx *store.Tx) error {
		ended = ended[:0]
		err := store.Each(tx, bucketSessions, func(k string, rec sessionRecord) error {
			if rec.Login == login && !kept[k] {
				ended = append(ended, k)
			}
			return nil
		})
		for _, k := range ended {
			if err == nil {
				err = store.Delete(tx, bucketSessions, k)
			}
		}
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("end sessions of %s: %w", login, err)
	}
	return len(ended), nil
}

// prune deletes the expired sessions; in an Update.
func (s *Sessions) prune(tx *store.Tx, now time.Time) error {
	var old []string
	err := store.Each(tx, bucketSessions, func(k string, rec sessionRecord) error {
		if s.expired(rec, now) {
			old = append(old, k)
		}
		return nil
	})
	for _, k := range old {
		if err == nil {
			err = store.Delete(tx, bucketSessions, k)
		}
	}
	return err
}

func (s *Sessions) expired(rec sessionRecord, now time.Time) bool {
	return !now.Before(rec.Seen.Add(s.opts.Idle)) || !now.Before(rec.Created.Add(s.opts.Max))
}

func (s *Sessions) session(rec sessionRecord) Session {
	return Session{Login: rec.Login, Role: rec.Role, Client: rec.Client, Changed: rec.Changed,
		Expires: rec.Created.Add(s.opts.Max)}
}

// key is the stored key of a session id: its SHA-256, in hex.
func key(id string) string {
	sum := sha256.Sum256([]byte(id))
	return hex.EncodeToString(sum[:])
}

// SetCookie sends the session cookie: HttpOnly, SameSite=Strict, Path=/, Secure when the request
// came over TLS.
func SetCookie(w http.ResponseWriter, r *http.Request, id string, expires time.Time) {
	http.SetCookie(w, &http.Cookie{Name: CookieName, Value: id, Path: "/", Expires: expires,
		HttpOnly: true, Secure: r.TLS != nil, SameSite: http.SameSiteStrictMode})
}

// ClearCookie tells the browser to drop the session cookie.
func ClearCookie(w http.ResponseWriter, r *http.Request) {
	http.SetCookie(w, &http.Cookie{Name: CookieName, Value: "", Path: "/", MaxAge: -1,
		HttpOnly: true, Secure: r.TLS != nil, SameSite: http.SameSiteStrictMode})
}

// FromRequest returns the id and session of the request's cookie; ErrNoSession if it has none
// or it is not live.
func (s *Sessions) FromRequest(r *http.Request) (id string, sess Session, err error) {
	c, err := r.Cookie(CookieName)
	if err != nil {
		return "", Session{}, ErrNoSession
	}
	sess, err = s.Get(c.Value)
	return c.Value, sess, err
}
