package app

import (
	"context"
	"net/url"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// passwordHeader carries a protected backup's password on the API's GET requests that read it
// (the Contents page's tree, search and versions, a download): never in a URL.
const passwordHeader = "Coffre-Backup-Password"

// passwordHeaderValue is a password as the header carries it: UTF-8 percent-encoded after the
// RFC 8187 prefix, since a header holds no character beyond Latin-1.
func passwordHeaderValue(pw string) string { return "UTF-8''" + url.PathEscape(pw) }

type passwordKey struct{}

// withBackupPassword is ctx whose API calls send pw in the password header ("" sends none).
func withBackupPassword(ctx context.Context, pw string) context.Context {
	if pw == "" {
		return ctx
	}
	return context.WithValue(ctx, passwordKey{}, pw)
}

// requestHeaders are the extra headers ctx asks API calls to send.
func requestHeaders(ctx context.Context) map[string]string {
	if pw, ok := ctx.Value(passwordKey{}).(string); ok && pw != "" {
		return map[string]string{passwordHeader: passwordHeaderValue(pw)}
	}
	return nil
}

// stateBackupPassword holds, in the page's memory only (never persisted, never in a URL), the
// password that last opened backup key (login/storage/name), so that its Contents and its
// Download do not ask twice. A reload forgets it.
func stateBackupPassword(key string) string { return "backup-password/" + key }

// isPasswordProblem says whether f is the API's refusal of a missing or wrong backup password.
func isPasswordProblem(f *failure) bool {
	return f != nil && (f.Problem.Code == "backup_password_required" || f.Problem.Code == "wrong_backup_password")
}

// fetchLocked loads state that changes with the Contents page's address: the previous answer
// is dropped while the new one comes, so the page never shows another folder's entries as
// this one's. A protected backup's password goes in the header; one that opened the backup is
// kept in memory, one refused is forgotten.
func fetchLocked[T any](ctx app.Context, key, path string, r treeRequest) {
	ctx.SetState(key, remote[T]{Status: loading})
	var data T
	f := call(withBackupPassword(ctx, r.Password), "GET", path, nil, &data)
	if isPasswordProblem(f) {
		ctx.DelState(stateBackupPassword(r.key()))
	}
	if f != nil {
		ctx.SetState(key, remote[T]{Status: failed, Err: f})
		return
	}
	if r.Password != "" {
		ctx.SetState(stateBackupPassword(r.key()), r.Password)
	}
	ctx.SetState(key, remote[T]{Status: loaded, Data: data})
}

// knownPassword fills r's password with the one that opened the backup before (its Contents
// page, Download or Verify); false when none is known.
func knownPassword(ctx app.Context, r *backupRef) bool {
	ctx.GetState(stateBackupPassword(r.key()), &r.Password)
	return r.Password != ""
}

// checkBackupPassword asks the server whether r's password opens the backup (one scrypt there,
// a few hundred bytes read). A right one is remembered in memory for the backup's other
// actions; a refused one is forgotten.
func checkBackupPassword(ctx app.Context, r backupRef) *failure {
	f := send(ctx, "POST", backupPath(r)+"/check-password", map[string]string{"password": r.Password}, nil)
	switch {
	case f == nil:
		ctx.SetState(stateBackupPassword(r.key()), r.Password)
	case isPasswordProblem(f):
		ctx.DelState(stateBackupPassword(r.key()))
	}
	return f
}
