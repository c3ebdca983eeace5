package api

import (
	"context"
	"errors"
	"net/http"
	"time"

	"coffre/engine/account"
	"coffre/engine/storage"
	"coffre/server/jobs"
	"coffre/server/tasks"
)

// codeNoSuchBackup refuses a verification of a backup the storage does not hold.
const codeNoSuchBackup = "no_such_backup"

// existsTimeout bounds the look for the backup before a verification is queued: a storage
// that does not answer soon is left to the task, which says why it failed.
const existsTimeout = 10 * time.Second

// refuseMissing answers 404 no_such_backup, before any task, when v's storage does not hold
// the backup, as the CLI refuses it; false when the request goes on (a malformed name is
// left to the checks that say so).
func (s *server) refuseMissing(w http.ResponseWriter, r *http.Request, v tasks.Verify) bool {
	if !storage.ValidName(v.Backup) {
		return false
	}
	ctx, cancel := context.WithTimeout(r.Context(), existsTimeout)
	defer cancel()
	err := s.Jobs.Exists(ctx, v.Client, v.Storage, v.Backup)
	if !errors.Is(err, jobs.ErrNoBackup) {
		return false
	}
	writeProblem(w, http.StatusNotFound, withCause(account.Problem{Code: codeNoSuchBackup, Args: []string{v.Backup}}, err))
	return true
}
