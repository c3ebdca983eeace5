//go:build !wasm

package app

import (
	"bytes"
	"encoding/json"
	"reflect"
	"testing"
	"time"

	"coffre/engine/backup"
	"coffre/engine/manifest"
	"coffre/engine/spec"
	"coffre/server/jobs"
	"coffre/server/tasks"
)

// The panel's copies of the API's shapes read every field the server writes, under the same
// names: a task and a backup entry with every field set go through the panel's types unchanged.
func TestMirrorsMatchTheServersJSON(t *testing.T) {
	at := time.Date(2026, 11, 25, 9, 30, 0, 0, time.UTC)
	b := spec.Backup{Client: "acme", Scope: spec.ScopeAccount, Mail: true, Files: true, Storage: "server",
		Incremental: true, SplitMB: 10, Comment: "c", ExcludeLogs: true, Exclude: "**/cache", Notify: "a@b.c"}
	entry := backup.Entry{Name: "acme_x_full", Client: "acme", Created: at, Type: "full", Parent: "p", Spec: b,
		Size: 9, Volumes: []backup.Volume{{Name: "v", Size: 9, SHA256: "ab"}}, Files: 3, Status: "broken",
		Missing: []string{"p"}, Verified: &at, Subscriptions: []string{"acme.example"},
		Captured: &manifest.Captured{Files: true, Mail: true, Databases: true, WebFiles: 3, WebBytes: 9,
			DBs: []manifest.Database{{Subscription: "acme.example", Name: "shop", Engine: "postgres", Path: "databases/acme.example/shop.sql", Parts: 2, Size: 5},
				{Subscription: "acme.example", Name: "blog", Engine: "mysql", Warning: "w"}},
			Mailboxes: []manifest.Mailbox{{Subscription: "acme.example", Address: "a@acme.example", Path: "mail/acme.example/a@acme.example", Messages: 2, Stored: 1, Warning: "x"}}}}
	result, _ := json.Marshal(backup.Result{Entry: entry, Warnings: 1, Skipped: []string{"s"}})
	specJSON, _ := json.Marshal(b)
	full := tasks.Task{ID: "7", Kind: tasks.KindBackup, Client: "acme", Notify: "a@b.c", Spec: specJSON,
		Status: tasks.Running, Created: at, Started: &at, Ended: &at,
		Progress: tasks.Progress{Progress: backup.Progress{Phase: "archive", Files: 1, Bytes: 2, TotalFiles: 3,
			TotalBytes: 4, Current: "files/x"}, Rate: 5, ETA: 6},
		Result: result, Error: "e", Mail: tasks.Mail{Status: tasks.MailFailed, Error: "m"},
		Owner: tasks.Owner{PID: 1, Instance: "i"}, CancelRequested: true, WarningCount: 1,
		Warnings: []backup.Warning{{Path: "files/x", Code: "vanished", Err: "gone"}}, LogDropped: 1,
		Log: []tasks.LogLine{{Time: at, Text: "t"}}}
	roundTrip[task](t, "task", full)
	roundTrip[backupEntry](t, "backup entry", jobs.Listed{Entry: entry, Storage: "server"})
	roundTrip[preview](t, "preview", jobs.PreviewResult{Files: 1, Bytes: 2, Paths: []string{"a/b"}, Truncated: true})
	roundTrip[backupResult](t, "backup result", backup.Result{Entry: entry, Warnings: 1, Skipped: []string{"s"}})

	var got task
	if err := json.Unmarshal(mustJSON(t, full), &got); err != nil {
		t.Fatal(err)
	}
	if r, ok := got.backupResult(); !ok || r.Entry.Name != "acme_x_full" || r.Entry.Volumes[0].SHA256 != "ab" {
		t.Errorf("backupResult = %+v, %v", r, ok)
	}
	if s, ok := got.backupSpec(); !ok || !reflect.DeepEqual(s, b) {
		t.Errorf("backupSpec = %+v, %v", s, ok)
	}
}

// roundTrip decodes the server's JSON of v strictly into the panel's T and encodes it again:
// both JSON documents must be equal.
func roundTrip[T any](t *testing.T, what string, v any) {
	t.Helper()
	server := mustJSON(t, v)
	dec := json.NewDecoder(bytes.NewReader(server))
	dec.DisallowUnknownFields()
	var mirror T
	if err := dec.Decode(&mirror); err != nil {
		t.Errorf("%s: the panel cannot read the server's JSON: %v\n%s", what, err, server)
		return
	}
	var a, b any
	json.Unmarshal(server, &a)
	json.Unmarshal(mustJSON(t, mirror), &b)
	if !reflect.DeepEqual(a, b) {
		t.Errorf("%s: the panel's copy changes the JSON:\nserver %s\npanel  %s", what, server, mustJSON(t, mirror))
	}
}

func mustJSON(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
