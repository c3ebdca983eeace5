package api

import (
	"context"
	"errors"
	"net/http"

	"coffre/engine/account"
	"coffre/engine/manifest"
	"coffre/engine/protect"
	"coffre/engine/spec"
)

// PasswordHeader carries a backup's password on the requests that read a protected backup
// without a body (the contents' tree, search and versions, a download): as is, or UTF-8
// percent-encoded after the prefix utf8Prefix (headerPassword).
const PasswordHeader = "Coffre-Backup-Password"

// Error codes about backup passwords.
const (
	codeBadPassword      = "invalid_backup_password"
	codePasswordRequired = "backup_password_required"
	codeWrongPassword    = "wrong_backup_password"
)

// backupBody is the Back Up form: the request, and the password that protects the backup.
type backupBody struct {
	spec.Backup
	Password string `json:"password,omitempty"`
}

// restoreBody is a restore request with the password of a protected backup.
type restoreBody struct {
	spec.Restore
	Password string `json:"password,omitempty"`
}

// keyOf turns a password ("" for none) into its key; false once a 400 was written.
func keyOf(w http.ResponseWriter, pw string) (*protect.Key, bool) {
	if pw == "" {
		return nil, true
	}
	key, err := protect.NewKey(pw)
	if err != nil {
		writeProblem(w, http.StatusBadRequest, account.Problem{Code: codeBadPassword, Error: err.Error(),
			Fields: []account.FieldProblem{{Field: "password", Code: codeBadPassword}}})
		return nil, false
	}
	return key, true
}

// checkPassword answers at once, before a task is queued, when a protected backup is read
// without its password or with another; false once the answer was written.
func (s *server) checkPassword(w http.ResponseWriter, r *http.Request, login, kind, name string, key *protect.Key) bool {
	err := s.Jobs.CheckPassword(r.Context(), login, kind, name, key)
	if err == nil {
		return true
	}
	if !writePasswordProblem(w, err) {
		s.writeBrowseError(w, r, err)
	}
	return false
}

// writePasswordProblem writes a 422 for a missing or wrong password; false for other errors.
func writePasswordProblem(w http.ResponseWriter, err error) bool {
	code, msg := "", ""
	switch {
	case errors.Is(err, protect.ErrWrongPassword):
		code, msg = codeWrongPassword, "wrong backup password"
	case errors.Is(err, manifest.ErrLocked):
		code, msg = codePasswordRequired, "the backup is password-protected: give its password"
	default:
		return false
	}
	writeProblem(w, http.StatusUnprocessableEntity, account.Problem{Code: code, Error: msg,
		Fields: []account.FieldProblem{{Field: "password", Code: code}}})
	return true
}

// withHeaderKey is r's context with the key of the password header, if any; false once a 400
// was written.
func withHeaderKey(w http.ResponseWriter, r *http.Request) (context.Context, bool) {
	key, ok := keyOf(w, headerPassword(r))
	if !ok || key == nil {
		return r.Context(), ok
	}
	return protect.WithKey(r.Context(), key), true
}
