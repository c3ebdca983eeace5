package jobs

import (
	"context"
	"path/filepath"
	"slices"
	"sync"
	"time"

	"coffre/engine/account"
	"coffre/engine/storage"
	"coffre/server/ftpset"
	"coffre/server/keys"
	"coffre/server/store"
)

// StorageDir is the folder of the data directory that holds the server storage, one folder per
// client: DATA/storage/<login>.
const StorageDir = "storage"

// Options tune New. Zero values get defaults: Clock time.Now, OpenStorage the server storage
// under the data directory.
type Options struct {
	Clock func() time.Time
	// OpenStorage opens the storage kind (spec.StorageServer or spec.StorageFTP) of the client
	// login. Tests wrap the default (Jobs.ServerStorage) to inject faults.
	OpenStorage func(login, kind string) (storage.Storage, error)
	// OpenFTP opens a personal FTP storage with its settings (default ftpset.Open, wrapped in
	// storage.Retry). Tests replace it to reach a misbehaving server.
	OpenFTP func(ctx context.Context, s ftpset.Settings) (storage.Storage, error)
	// Location is the calendar of retention rules (days, weeks, months); default time.Local.
	Location *time.Location
}

// Jobs runs the engine for the tasks of one data directory. It is safe for concurrent use.
type Jobs struct {
	st    *store.Store
	keys  *keys.Keys
	clock func() time.Time
	open  func(login, kind string) (storage.Storage, error)
	ftp   func(ctx context.Context, s ftpset.Settings) (storage.Storage, error)
	loc   *time.Location

	previewSlot chan struct{} // one preview at a time

	lastMu sync.Mutex
	last   map[string]lastBackup // per client, keyed by the storage folder's mtime

	passwords passwords // backup passwords of the tasks submitted by this process
}

// New returns the jobs of the store's data directory, signing and checking manifests with k.
func New(st *store.Store, k *keys.Keys, o Options) *Jobs {
	j := &Jobs{st: st, keys: k, clock: o.Clock, open: o.OpenStorage, ftp: o.OpenFTP,
		previewSlot: make(chan struct{}, 1), last: map[string]lastBackup{}}
	if j.clock == nil {
		j.clock = time.Now
	}
	if j.ftp == nil {
		j.ftp = j.openFTP
	}
	if j.loc = o.Location; j.loc == nil {
		j.loc = time.Local
	}
	return j
}

// ServerStorage opens the server storage of the client login: the folder DATA/storage/<login>,
// created if needed.
func (j *Jobs) ServerStorage(login string) (storage.Storage, error) {
	dir, err := j.storageDir(login)
	if err != nil {
		return nil, err
	}
	return storage.NewLocal(dir)
}

// storageDir is the client's server storage folder; the login is checked first, as it becomes
// a path.
func (j *Jobs) storageDir(login string) (string, error) {
	if err := store.ValidateLogin(login); err != nil {
		return "", err
	}
	return filepath.Join(j.st.Dir(), StorageDir, login), nil
}

// account loads the client's account with only the subscriptions asked (all when none), and
// their domains, mailboxes and databases.
func (j *Jobs) account(login string, subs []string) (account.Account, error) {
	a, err := j.st.Account(login)
	if err != nil || len(subs) == 0 {
		return a, err
	}
	a.Subscriptions = slices.DeleteFunc(a.Subscriptions, func(s account.Subscription) bool {
		return !slices.Contains(subs, s.Domain)
	})
	a.Domains = slices.DeleteFunc(a.Domains, func(d account.Domain) bool { return !slices.Contains(subs, d.Subscription) })
	a.Mailboxes = slices.DeleteFunc(a.Mailboxes, func(m account.Mailbox) bool { return !slices.Contains(subs, m.Subscription) })
	a.Databases = slices.DeleteFunc(a.Databases, func(d account.Database) bool { return !slices.Contains(subs, d.Subscription) })
	return a, nil
}
