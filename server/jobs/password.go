package jobs

import (
	"context"
	"encoding/json"
	"fmt"
	"sync"

	"coffre/engine/protect"
	"coffre/engine/spec"
	"coffre/engine/storage"
	"coffre/server/tasks"
)

// passwords holds the backup passwords of tasks submitted by this process, in memory only:
// never in a task's record, a log or a file. A task takes its own once, when it runs.
type passwords struct {
	mu sync.Mutex
	m  map[string][]*protect.Key // the request's kind and spec, as its task records them
}

func requestKey(kind tasks.Kind, raw []byte) string { return string(kind) + "\x00" + string(raw) }

// KeepPassword gives key to the task that req becomes (Submit or RunNow it next): its backup
// is encrypted with it, or its restore or verification reads a protected backup with it.
func (j *Jobs) KeepPassword(req tasks.Request, key *protect.Key) error {
	raw, err := json.Marshal(req.Spec)
	if err != nil {
		return fmt.Errorf("keep password: %w", err)
	}
	p := &j.passwords
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.m == nil {
		p.m = map[string][]*protect.Key{}
	}
	k := requestKey(req.Kind, raw)
	p.m[k] = append(p.m[k], key)
	return nil
}

// takePassword returns, and forgets, the password given for t; nil when none was.
func (j *Jobs) takePassword(t tasks.Task) *protect.Key {
	p := &j.passwords
	p.mu.Lock()
	defer p.mu.Unlock()
	k := requestKey(t.Kind, t.Spec)
	keys := p.m[k]
	if len(keys) == 0 {
		return nil
	}
	if len(keys) == 1 {
		delete(p.m, k)
	} else {
		p.m[k] = keys[1:]
	}
	return keys[0]
}

// backupKey is the password of protected backup task t.
func (j *Jobs) backupKey(t tasks.Task, b spec.Backup) (*protect.Key, error) {
	key := j.takePassword(t)
	if b.Protected && key == nil {
		return nil, fmt.Errorf("the backup password of this task is not known to this process (Coffre keeps none: it restarted since?): start the backup again")
	}
	if !b.Protected {
		key = nil
	}
	return key, nil
}

// unlocked is st seen through the password given for task t, if any.
func (j *Jobs) unlocked(st storage.Storage, t tasks.Task) storage.Storage {
	if key := j.takePassword(t); key != nil {
		return protect.New(st, key, 0)
	}
	return st
}

// CheckPassword reads backup name's manifest through key (nil: no password), as a restore, a
// verification or a browse would first: an error wrapping manifest.ErrLocked when the backup
// is protected and no password was given, protect.ErrWrongPassword when it is not its
// password. It reads a few hundred bytes of the backup's encrypted details, not the backup.
func (j *Jobs) CheckPassword(ctx context.Context, login, kind, name string, key *protect.Key) error {
	st, err := j.clientStorage(ctx, login, kind)
	if err != nil {
		return err
	}
	defer closeStorage(st)
	if key != nil {
		st = protect.New(st, key, 0)
	}
	_, err = loadManifest(ctx, st, login, name)
	return err
}

// Seal seals a secret kept at rest (a schedule's backup password) with the host's secret key,
// as the FTP password is; label binds it to its use.
func (j *Jobs) Seal(label string, plain []byte) ([]byte, error) { return j.keys.Seal(label, plain) }

// Open opens what Seal returned for the same label.
func (j *Jobs) Open(label string, sealed []byte) ([]byte, error) { return j.keys.Open(label, sealed) }
