package auth

import (
	"errors"

	"golang.org/x/crypto/bcrypt"

	"coffre/server/store"
)

// Codes of ChangePassword's refusals.
const (
	CodeWrongPassword = "wrong_password" // the current password given is not the user's
	CodeSamePassword  = "same_password"  // the new password is the current one
)

// ChangePassword changes a user's own password: current must be its password now, and the new
// one must differ. It clears MustChange; sessions opened before end (the caller opens a new one
// for the user it returns).
func ChangePassword(st *store.Store, login, current, pw string) (store.User, error) {
	u, err := st.User(login)
	if err != nil {
		return u, err
	}
	if bcrypt.CompareHashAndPassword(u.Hash, []byte(current)) != nil {
		return u, &store.Error{Code: CodeWrongPassword, Field: "current", Msg: "the current password is wrong"}
	}
	if err := ValidatePassword(pw); err != nil {
		return u, err
	}
	if current == pw {
		return u, &store.Error{Code: CodeSamePassword, Field: "password", Msg: "choose a password other than the current one"}
	}
	if err := SetPassword(st, login, pw); err != nil {
		return u, err
	}
	u, err = st.User(login)
	if err == nil && u.MustChange {
		err = errors.New("change password: the change was not kept")
	}
	return u, err
}
