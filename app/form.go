package app

import (
	"errors"
	"strconv"
	"strings"

	"coffre/engine/account"
	"coffre/engine/pattern"
	"coffre/engine/spec"
)

// backupForm is the Back Up form as the user set it (step 6 of docs/panel-flow.md). An option that is
// unavailable keeps what the user chose but is left out of the request, as a disabled field is
// left out of a submitted HTML form.
type backupForm struct {
	ConfigOnly  bool   // configuration only, else configuration and content
	Mail        bool   // mail configuration and content
	Files       bool   // user files and databases
	Storage     string // "" for the first storage the client may use
	Incremental bool
	Split       bool
	SplitMB     string // as typed
	Comment     string
	ExcludeLogs bool
	ExcludeSome bool
	Exclude     string // patterns as typed
	NotifyOn    bool
	Notify      string // as typed; blanks around it are trimmed
	// Left out are the subscriptions not to back up, one per line ("" backs up them all):
	// a string keeps the form comparable.
	LeftOut  string
	Protect  bool   // encrypt the backup with Password
	Password string // sent with the request, never kept in it
}

// newBackupForm is the form as it opens: configuration and all content, full, no exclusions.
func newBackupForm() backupForm { return backupForm{Mail: true, Files: true} }

// storage is the chosen storage, or the first one the client may use (the server storage when
// none may be used: the form then says why).
func (f backupForm) storage(a account.Account, scope spec.Scope) string {
	if f.Storage != "" {
		return f.Storage
	}
	if storageReason(a, scope, spec.StorageServer) != "" && storageReason(a, scope, spec.StorageFTP) == "" {
		return spec.StorageFTP
	}
	return spec.StorageServer
}

// storageReason is the message key saying why the client may not keep a backup in storage, ""
// when it may: the same spec.Backup.Allowed the server runs.
func storageReason(a account.Account, scope spec.Scope, storage string) string {
	err := spec.Backup{Client: a.Client.Login, Scope: scope, Storage: storage}.Allowed(a.Client.Rights, a.Client.FTP != nil)
	var es spec.Errors
	if errors.As(err, &es) {
		for _, e := range es {
			if e.Field == "storage" {
				return "err." + e.Code
			}
		}
	}
	return ""
}

// Why each option may be unavailable: a message key, "" when it is available.

func (f backupForm) configOnlyReason() string {
	return reasonIf(f.Incremental, "err."+spec.CodeIncrementalContent)
}
func (f backupForm) contentReason() string { return reasonIf(f.ConfigOnly, "form.reason.needsContent") }
func (f backupForm) incrementalReason() string {
	return reasonIf(f.ConfigOnly, "err."+spec.CodeIncrementalContent)
}
func (f backupForm) excludeReason() string {
	return reasonIf(f.ConfigOnly || !f.Files, "err."+spec.CodeExcludeNeedsFiles)
}
func reasonIf(cond bool, key string) string {
	if cond {
		return key
	}
	return ""
}

// request is the backup the form asks for.
func (f backupForm) request(a account.Account, scope spec.Scope) spec.Backup {
	b := spec.Backup{Client: a.Client.Login, Scope: scope, ConfigOnly: f.ConfigOnly, Storage: f.storage(a, scope),
		Incremental: f.Incremental, Comment: f.Comment}
	if !f.ConfigOnly {
		b.Mail, b.Files = f.Mail, f.Files
	}
	if f.Split {
		b.SplitMB, _ = strconv.Atoi(strings.TrimSpace(f.SplitMB))
	}
	b.Subscriptions = f.chosen(a)
	if f.excludeReason() == "" {
		b.ExcludeLogs = f.ExcludeLogs
		if f.ExcludeSome {
			b.Exclude = f.Exclude
		}
	}
	if f.NotifyOn {
		b.Notify = strings.TrimSpace(f.Notify)
	}
	b.Protected = f.Protect
	return b
}

// formCheck is every problem of the form: per field (the JSON names of spec.Backup), and each
// wrong exclusion pattern.
type formCheck struct {
	fields   map[string][]account.FieldProblem
	patterns pattern.Errors
}

// check runs on the form what the server runs on the request (spec Validate and Allowed, and
// pattern.Compile for each pattern), plus what only the form can get wrong: a volume size that
// is not a number, a notification asked without an address.
func (f backupForm) check(a account.Account, scope spec.Scope) formCheck {
	b := f.request(a, scope)
	var c formCheck
	c.addSpec(b.Validate())
	c.addSpec(b.Allowed(a.Client.Rights, a.Client.FTP != nil))
	if f.LeftOut != "" && len(b.Subscriptions) == 0 {
		c.add(account.FieldProblem{Field: "subscriptions", Code: spec.CodeRequired})
	}
	if f.Split {
		if n, err := strconv.Atoi(strings.TrimSpace(f.SplitMB)); err != nil || n == 0 {
			c.add(account.FieldProblem{Field: "splitMB", Code: spec.CodeSplitRange, Args: []string{"1", strconv.Itoa(spec.MaxSplitMB)}})
		}
	}
	if f.NotifyOn && b.Notify == "" {
		c.add(account.FieldProblem{Field: "notify", Code: spec.CodeRequired})
	}
	c.addPassword(f)
	if _, err := pattern.Compile(b.Exclude); err != nil {
		errors.As(err, &c.patterns)
	}
	return c
}

func (c *formCheck) addSpec(err error) {
	var es spec.Errors
	if errors.As(err, &es) {
		for _, e := range es {
			c.add(account.FieldProblem{Field: e.Field, Code: e.Code, Args: e.Args})
		}
	}
}

// add records a problem once.
func (c *formCheck) add(p account.FieldProblem) {
	if c.fields == nil {
		c.fields = map[string][]account.FieldProblem{}
	}
	for _, q := range c.fields[p.Field] {
		if q.Code == p.Code {
			return
		}
	}
	c.fields[p.Field] = append(c.fields[p.Field], p)
}

// ok reports whether the form may be sent.
func (c formCheck) ok() bool { return len(c.fields) == 0 && len(c.patterns) == 0 }

// patternErrors returns the problems of the entry at index i of pattern.Split.
func (c formCheck) patternErrors(i int) []*pattern.Error {
	var out []*pattern.Error
	for _, e := range c.patterns {
		if e.Index == i {
			out = append(out, e)
		}
	}
	return out
}

// hasParent reports whether an incremental backup of b would have a parent among entries: a
// backup of the same scope in the same storage with content and an intact chain (the engine's
// rule). It returns the newest.
func hasParent(entries []backupEntry, b spec.Backup) (backupEntry, bool) {
	var best backupEntry
	found := false
	for _, e := range entries {
		if (e.Client != "" && e.Client != b.Client) || e.Spec.Scope != b.Scope || e.storage() != b.Storage || e.Spec.ConfigOnly || e.Status != "ok" {
			continue
		}
		if !found || e.Created.After(best.Created) {
			best, found = e, true
		}
	}
	return best, found
}
