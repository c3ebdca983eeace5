package auth

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"net/http"
	"sync"
	"time"

	"coffre/server/store"
)

// CookieName is the session cookie's name.
const CookieName = "coffre_session"

// DefaultTTL is how long a session lasts after login.
const DefaultTTL = 12 * time.Hour

// Session is a logged-in user. Changed is the user's password stamp at login: a session whose
// user has changed password since is no longer valid (the caller compares).
type Session struct {
	Login   string
	Role    string
	Client  string
	Changed time.Time
	Expires time.Time
}

// Sessions keeps sessions in memory, keyed by the SHA-256 of their random 32-byte id: a restart
// logs everyone out. Safe for concurrent use.
type Sessions struct {
	now func() time.Time
	ttl time.Duration
	mu  sync.Mutex
	m   map[[32]byte]Session
}

// NewSessions returns an empty session table. now is the clock; ttl <= 0 means DefaultTTL.
func NewSessions(now func() time.Time, ttl time.Duration) *Sessions {
	if ttl <= 0 {
		ttl = DefaultTTL
	}
	return &Sessions{now: now, ttl: ttl, m: map[[32]byte]Session{}}
}

// Create opens a session for u and returns its id, to be sent in the cookie.
func (s *Sessions) Create(u store.User) (id string, sess Session) {
	raw := make([]byte, 32)
	rand.Read(raw) // never fails (crypto/rand)
	id = base64.RawURLEncoding.EncodeToString(raw)
	sess = Session{Login: u.Login, Role: u.Role, Client: u.Client, Changed: u.Changed, Expires: s.now().Add(s.ttl)}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.prune()
	s.m[sha256.Sum256([]byte(id))] = sess
	return id, sess
}

// Get returns the live session with that id.
func (s *Sessions) Get(id string) (Session, bool) {
	if id == "" {
		return Session{}, false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	k := sha256.Sum256([]byte(id))
	sess, ok := s.m[k]
	if ok && !s.now().Before(sess.Expires) {
		delete(s.m, k)
		return Session{}, false
	}
	return sess, ok
}

// Delete ends the session with that id.
func (s *Sessions) Delete(id string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.m, sha256.Sum256([]byte(id)))
}

// prune drops expired sessions; s.mu is held.
func (s *Sessions) prune() {
	now := s.now()
	for k, sess := range s.m {
		if !now.Before(sess.Expires) {
			delete(s.m, k)
		}
	}
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

// FromRequest returns the session of the request's cookie.
func (s *Sessions) FromRequest(r *http.Request) (id string, sess Session, ok bool) {
	c, err := r.Cookie(CookieName)
	if err != nil {
		return "", Session{}, false
	}
	sess, ok = s.Get(c.Value)
	return c.Value, sess, ok
}
