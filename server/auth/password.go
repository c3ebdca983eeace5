package auth

import (
	"crypto/rand"
	"errors"
	"fmt"
	"strings"
	"sync"
	"unicode/utf8"

	"golang.org/x/crypto/bcrypt"

	"coffre/server/store"
)

// Cost is bcrypt's work factor. Tests may lower it.
var Cost = 12

// Password length bounds, in bytes; bcrypt reads at most 72.
const (
	MinPassword = 8
	MaxPassword = 72
)

// ErrLoginFailed is the only answer to a wrong login or password: it never says which.
var ErrLoginFailed = errors.New("login failed")

// ValidatePassword checks a new password: 8 to 72 bytes of UTF-8 without line breaks.
func ValidatePassword(pw string) error {
	if len(pw) < MinPassword || len(pw) > MaxPassword || !utf8.ValidString(pw) || strings.ContainsAny(pw, "\r\n\x00") {
		return &store.Error{Code: "invalid_password", Field: "password",
			Args: []string{fmt.Sprint(MinPassword), fmt.Sprint(MaxPassword)},
			Msg:  fmt.Sprintf("a password has %d to %d bytes and no line break", MinPassword, MaxPassword)}
	}
	return nil
}

// Hash hashes a password with bcrypt.
func Hash(pw string) ([]byte, error) {
	h, err := bcrypt.GenerateFromPassword([]byte(pw), Cost)
	if err != nil {
		return nil, fmt.Errorf("hash password: %w", err)
	}
	return h, nil
}

// dummy is compared against when the login is unknown, so that an unknown login costs as much
// time as a wrong password.
var dummy = sync.OnceValue(func() []byte {
	h, _ := bcrypt.GenerateFromPassword([]byte("coffre-dummy-password"), Cost)
	return h
})

// Check returns the user whose login and password match, or ErrLoginFailed.
func Check(st *store.Store, login, pw string) (store.User, error) {
	var u store.User
	var err error = store.ErrNotFound
	if len(login) <= 64 {
		u, err = st.User(login)
	}
	if errors.Is(err, store.ErrNotFound) {
		bcrypt.CompareHashAndPassword(dummy(), []byte(pw))
		return store.User{}, ErrLoginFailed
	}
	if err != nil {
		return store.User{}, err
	}
	if bcrypt.CompareHashAndPassword(u.Hash, []byte(pw)) != nil {
		return store.User{}, ErrLoginFailed
	}
	return u, nil
}

// SetPassword sets the password of the administrator (login "admin") or of a client (its
// login), creating its user if needed. Sessions opened before end.
func SetPassword(st *store.Store, login, pw string) error {
	if err := ValidatePassword(pw); err != nil {
		return err
	}
	h, err := Hash(pw)
	if err != nil {
		return err
	}
	u := store.User{Login: login, Role: store.RoleClient, Client: login, Hash: h, Changed: st.Now().UTC()}
	if login == store.AdminLogin {
		u.Role, u.Client = store.RoleAdmin, ""
	} else if _, err := st.Client(login); err != nil {
		return err
	}
	return st.PutUser(u)
}

// EnsureAdmin creates the administrator with a random password if it does not exist yet. It
// returns that one-time password when it did, "" otherwise.
func EnsureAdmin(st *store.Store) (string, error) {
	if _, err := st.User(store.AdminLogin); !errors.Is(err, store.ErrNotFound) {
		return "", err
	}
	pw := rand.Text() // 26 base32 characters, 130 bits
	h, err := Hash(pw)
	if err != nil {
		return "", err
	}
	u := store.User{Login: store.AdminLogin, Role: store.RoleAdmin, Hash: h, Changed: st.Now().UTC(), MustChange: true}
	created, err := st.PutUserIfAbsent(u)
	if err != nil || !created {
		return "", err
	}
	return pw, nil
}
