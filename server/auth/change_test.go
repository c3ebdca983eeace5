package auth

import (
	"errors"
	"testing"

	"coffre/server/store"
)

// The one-time password must change; changing it needs it, and a different new password.
func TestOneTimePasswordChange(t *testing.T) {
	st := newStore(t)
	pw, err := EnsureAdmin(st)
	if err != nil {
		t.Fatal(err)
	}
	if u, _ := st.User("admin"); !u.MustChange {
		t.Fatal("the one-time password is not marked to change")
	}
	for _, c := range []struct{ current, next, code string }{
		{"wrong", "a-new-password", CodeWrongPassword},
		{pw, pw, CodeSamePassword},
		{pw, "short", "invalid_password"},
	} {
		var se *store.Error
		if _, err := ChangePassword(st, "admin", c.current, c.next); !errors.As(err, &se) || se.Code != c.code {
			t.Errorf("change %q -> %q: %v, want %s", c.current, c.next, err, c.code)
		}
	}
	u, err := ChangePassword(st, "admin", pw, "a-new-password")
	if err != nil || u.MustChange {
		t.Fatalf("change: %+v %v", u, err)
	}
	if _, err := Check(st, "admin", pw); !errors.Is(err, ErrLoginFailed) {
		t.Errorf("the one-time password still logs in: %v", err)
	}
	if _, err := Check(st, "admin", "a-new-password"); err != nil {
		t.Errorf("the new password: %v", err)
	}
}
