package store

import (
	"net/netip"
	"time"
)

// Roles of a user.
const (
	RoleAdmin  = "admin"
	RoleClient = "client"
)

// User is a login to the panel: the administrator, or a client in its own Customer Panel. Hash
// is the password's hash (bcrypt); Changed moves when the password changes, which ends the
// sessions opened before.
type User struct {
	Login   string    `json:"login"`
	Role    string    `json:"role"`             // RoleAdmin or RoleClient
	Client  string    `json:"client,omitempty"` // the client's login, for RoleClient
	Hash    []byte    `json:"hash"`
	Lang    string    `json:"lang,omitempty"`
	Changed time.Time `json:"changed"`
	// MustChange is set on the one-time password printed at first start: the panel and the
	// API accept nothing but a change of password until it is changed.
	MustChange bool `json:"mustChange,omitempty"`
}

// User returns the user with that login, or an error matching ErrNotFound.
func (s *Store) User(login string) (u User, err error) {
	err = s.View(func(tx *Tx) error {
		var ok bool
		u, ok, err = Get[User](tx, bucketUsers, login)
		if err == nil && !ok {
			err = notFound("user", login)
		}
		return err
	})
	return u, err
}

// PutUser creates or replaces a user. A client user must name an existing client, and its
// login is the client's.
func (s *Store) PutUser(u User) error {
	if err := validateUser(u); err != nil {
		return err
	}
	return s.Update(func(tx *Tx) error {
		if u.Role == RoleClient {
			if _, err := getClient(tx, u.Client); err != nil {
				return err
			}
		}
		return Put(tx, bucketUsers, u.Login, u)
	})
}

func validateUser(u User) error {
	switch {
	case u.Role == RoleAdmin && u.Login == AdminLogin && u.Client == "":
	case u.Role == RoleClient && u.Login == u.Client:
		if err := ValidateLogin(u.Login); err != nil {
			return err
		}
	default:
		return invalid(CodeInvalidRole, "role", "a user is the administrator \"admin\" or a client under its own login")
	}
	return nil
}

// PutUserIfAbsent stores u unless a user with its login exists; it reports whether it did.
func (s *Store) PutUserIfAbsent(u User) (created bool, err error) {
	if err := validateUser(u); err != nil {
		return false, err
	}
	err = s.Update(func(tx *Tx) error {
		_, ok, err := Get[User](tx, bucketUsers, u.Login)
		if err != nil || ok {
			return err
		}
		created = true
		return Put(tx, bucketUsers, u.Login, u)
	})
	return created, err
}

func isIP(s string) bool {
	_, err := netip.ParseAddr(s)
	return err == nil
}
