package auth

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"coffre/engine/account"
	"coffre/server/store"
)

func newSessions(t *testing.T, opts SessionOptions) (*Sessions, *store.Store, *clock) {
	t.Helper()
	c := &clock{time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)}
	opts.Now = c.now
	st := newStore(t)
	return NewSessions(st, opts), st, c
}

func mustCreate(t *testing.T, s *Sessions, u store.User) string {
	t.Helper()
	id, _, err := s.Create(u)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

var admin = store.User{Login: "admin", Role: store.RoleAdmin}

func TestSessionsSurviveANewTableOnTheSameStore(t *testing.T) {
	s, st, c := newSessions(t, SessionOptions{})
	id, sess, err := s.Create(admin)
	if err != nil || len(id) < 43 {
		t.Fatalf("Create = %q, %v: want a 32-byte random id", id, err)
	}
	if want := c.t.Add(DefaultMax); !sess.Expires.Equal(want) {
		t.Errorf("Expires %v, want login + %v", sess.Expires, DefaultMax)
	}
	restarted := NewSessions(st, SessionOptions{Now: c.now})
	if got, err := restarted.Get(id); err != nil || got.Login != "admin" || got.Role != store.RoleAdmin {
		t.Fatalf("after a restart Get = %+v, %v", got, err)
	}
	if _, err := restarted.Get(id + "x"); !errors.Is(err, ErrNoSession) {
		t.Errorf("an unknown id: %v", err)
	}
}

func TestSessionEndsWhenIdleAndAtItsMaximumAge(t *testing.T) {
	s, _, c := newSessions(t, SessionOptions{Idle: time.Hour, Max: 3 * time.Hour})
	login := c.t
	id := mustCreate(t, s, admin)
	idle := mustCreate(t, s, admin)
	for c.t.Sub(login) < 3*time.Hour-45*time.Minute { // used every 45 minutes
		c.t = c.t.Add(45 * time.Minute)
		if _, err := s.Get(id); err != nil {
			t.Fatalf("used %v after login: %v", c.t.Sub(login), err)
		}
	}
	c.t = login.Add(3 * time.Hour)
	if _, err := s.Get(id); !errors.Is(err, ErrNoSession) {
		t.Errorf("in use and alive at its maximum age: %v", err)
	}
	if _, err := s.Get(idle); !errors.Is(err, ErrNoSession) {
		t.Errorf("a session unused for hours is alive: %v", err)
	}
}

func TestIdleSessionIsRefusedToTheMinute(t *testing.T) {
	s, _, c := newSessions(t, SessionOptions{Idle: 30 * time.Minute})
	id := mustCreate(t, s, admin)
	c.t = c.t.Add(29 * time.Minute)
	if _, err := s.Get(id); err != nil {
		t.Fatalf("29 minutes idle: %v", err)
	}
	c.t = c.t.Add(30 * time.Minute)
	if _, err := s.Get(id); !errors.Is(err, ErrNoSession) {
		t.Fatalf("30 minutes idle: %v, want ErrNoSession", err)
	}
	c.t = c.t.Add(-time.Hour) // even if the clock goes back, the expired session is gone
	if _, err := s.Get(id); !errors.Is(err, ErrNoSession) {
		t.Errorf("an expired session came back: %v", err)
	}
}

func TestLogoutAndDeleteSessionsOf(t *testing.T) {
	s, st, _ := newSessions(t, SessionOptions{})
	if _, err := st.AddClient(account.Client{Login: "acme", Name: "Acme"}); err != nil {
		t.Fatal(err)
	}
	acme := store.User{Login: "acme", Role: store.RoleClient, Client: "acme"}
	here, phone, laptop := mustCreate(t, s, acme), mustCreate(t, s, acme), mustCreate(t, s, acme)
	adm := mustCreate(t, s, admin)
	if err := s.Delete(laptop); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Get(laptop); !errors.Is(err, ErrNoSession) {
		t.Errorf("a logged-out session is alive: %v", err)
	}
	n, err := s.DeleteSessionsOf("acme", here)
	if err != nil || n != 1 {
		t.Fatalf("DeleteSessionsOf = %d, %v; want 1 (the phone)", n, err)
	}
	if _, err := s.Get(phone); !errors.Is(err, ErrNoSession) {
		t.Errorf("the other session of acme is alive: %v", err)
	}
	for _, id := range []string{here, adm} {
		if _, err := s.Get(id); err != nil {
			t.Errorf("a session that should stay ended: %v", err)
		}
	}
}

func TestSessionIDsAreNotStored(t *testing.T) {
	s, st, _ := newSessions(t, SessionOptions{})
	id := mustCreate(t, s, admin)
	data, err := os.ReadFile(filepath.Join(st.Dir(), store.FileName))
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(data, []byte(id)) {
		t.Error("the data file holds a session id: a copy of it would log in")
	}
	if !bytes.Contains(data, []byte(key(id))) {
		t.Error("the data file does not hold the session's hash: is it stored at all?")
	}
}

func TestExpiredSessionsArePrunedAtLogin(t *testing.T) {
	s, st, c := newSessions(t, SessionOptions{Idle: time.Hour})
	for range 3 {
		mustCreate(t, s, admin)
	}
	c.t = c.t.Add(2 * time.Hour)
	mustCreate(t, s, admin)
	n := 0
	st.View(func(tx *store.Tx) error {
		return store.Each(tx, bucketSessions, func(string, sessionRecord) error { n++; return nil })
	})
	if n != 1 {
		t.Errorf("%d sessions stored, want 1: expired ones are not pruned", n)
	}
}
