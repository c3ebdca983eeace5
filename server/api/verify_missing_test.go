package api

import (
	"encoding/json"
	"net/http"
	"testing"

	"coffre/engine/account"
	"coffre/server/tasks"
)

// A verification of a backup the storage does not hold is refused before any task: 404
// no_such_backup naming it, and the client's tasks are as they were.
func TestVerifyOfAMissingBackupIsRefusedUpFront(t *testing.T) {
	s := newSite(t)
	acme := s.login("acme")
	r := s.do("POST", "/api/clients/acme/backups/server/acme_2026-11-25T093000Z_full/verify", "", acme)
	var p account.Problem
	if err := json.Unmarshal([]byte(r.body), &p); err != nil || r.status != http.StatusNotFound || p.Code != codeNoSuchBackup ||
		len(p.Args) != 1 || p.Args[0] != "acme_2026-11-25T093000Z_full" || p.Cause != "no_such_backup" {
		t.Fatalf("verify a missing backup: %d %s", r.status, r.body)
	}
	list := decodeAs[[]tasks.Task](t, s.do("GET", "/api/clients/acme/tasks", "", acme))
	if len(list) != 0 {
		t.Fatalf("a task was made for a missing backup: %+v", list)
	}
}
