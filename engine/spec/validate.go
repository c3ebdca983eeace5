package spec

import (
	"errors"
	"strconv"
	"strings"
	"unicode/utf8"

	"coffre/engine/pattern"
)

// Validate checks a backup request on its own, before rights (see Allowed), and reports every
// problem at once: nil, or Errors. The panel runs it as the user fills the form, the server
// again before a task is created. Fields and codes:
//   - client: required.
//   - scope: required, invalid_scope. storage: required, invalid_storage.
//   - subscriptions: invalid_subscription, once per bad name.
//   - configOnly: no_content (neither configuration only, nor mail, nor files). ConfigOnly wins
//     over Mail and Files, which are then ignored.
//   - excludeLogs, exclude: exclude_needs_files (without Files, or with ConfigOnly);
//     exclude: invalid_patterns, Args [the number of errors pattern.Compile reports; too many
//     patterns counts as one], the panel calls pattern.Compile to mark each.
//   - incremental: incremental_needs_content (with ConfigOnly).
//   - splitMB: split_range, Args ["1", "1048576"]; 0 means no split.
//   - comment: comment_too_long, Args ["500"]; comment_control_char.
//   - notify: invalid_email (a bare address; surrounding blanks are refused, not trimmed).
func (b Backup) Validate() error {
	var es Errors
	if b.Client == "" {
		es.add("client", CodeRequired)
	}
	switch b.Scope {
	case ScopeAccount, ScopeWebsites:
	case "":
		es.add("scope", CodeRequired)
	default:
		es.add("scope", CodeInvalidScope)
	}
	checkStorage(&es, b.Storage)
	checkSubscriptions(&es, b.Subscriptions)
	b.checkContent(&es)
	if b.SplitMB < 0 || b.SplitMB > MaxSplitMB {
		es.add("splitMB", CodeSplitRange, "1", strconv.Itoa(MaxSplitMB))
	}
	if utf8.RuneCountInString(b.Comment) > MaxCommentLen {
		es.add("comment", CodeCommentTooLong, strconv.Itoa(MaxCommentLen))
	}
	if commentHasControl(b.Comment) {
		es.add("comment", CodeCommentControl)
	}
	if b.Notify != "" && !validEmail(b.Notify) {
		es.add("notify", CodeInvalidEmail)
	}
	return es.err()
}

// checkContent checks what the backup holds and the exclusions.
func (b Backup) checkContent(es *Errors) {
	if !b.ConfigOnly && !b.Mail && !b.Files {
		es.add("configOnly", CodeNoContent)
	}
	noFiles := b.ConfigOnly || !b.Files
	if b.ExcludeLogs && noFiles {
		es.add("excludeLogs", CodeExcludeNeedsFiles)
	}
	if len(pattern.Split(b.Exclude)) > 0 {
		if noFiles {
			es.add("exclude", CodeExcludeNeedsFiles)
		}
		var perrs pattern.Errors
		if _, err := pattern.Compile(b.Exclude); errors.As(err, &perrs) {
			es.add("exclude", CodeInvalidPatterns, strconv.Itoa(len(perrs)))
		}
	}
	if b.Incremental && b.ConfigOnly {
		es.add("incremental", CodeIncrementalContent)
	}
}

// Validate checks a restore request on its own, before rights (see Allowed), and reports every
// problem at once: nil, or Errors. Fields and codes:
//   - client: required. storage: required, invalid_storage.
//   - backup: required, invalid_backup_name (the rule of storage.ValidName).
//   - subscriptions: invalid_subscription, once per bad name.
//   - paths: invalid_path, once per bad path, Args [path]: each a clean relative slash path
//     (no leading or trailing "/", no empty, "." or ".." component, no control byte).
//   - mailboxes: invalid_email, Args [address], once per bad address.
//   - databases: invalid_database, Args [name], once per bad name (or bad new name): 1 to 64
//     letters, digits, '_' or '-', not starting with '-'.
//   - to: invalid_path, Args [to]: the same rule, but one leading "/" (a host directory, for
//     the administrator) and one trailing "/" are allowed. Whether the caller may write there
//     is for the server to check.
//   - notify: invalid_email, as a backup's.
//   - existing: invalid_existing: not "", overwrite, newer or missing.
//   - into: invalid_path, Args [into]: the rule of paths; into_outside with to (the folder is
//     inside each webspace: not with another target).
func (r Restore) Validate() error {
	var es Errors
	if r.Client == "" {
		es.add("client", CodeRequired)
	}
	switch {
	case r.Backup == "":
		es.add("backup", CodeRequired)
	case !validBackupName(r.Backup):
		es.add("backup", CodeInvalidBackupName)
	}
	checkStorage(&es, r.Storage)
	checkSubscriptions(&es, r.Subscriptions)
	for _, p := range r.Paths {
		if !validRelPath(p) {
			es.add("paths", CodeInvalidPath, p)
		}
	}
	if r.To != "" && !validTarget(r.To) {
		es.add("to", CodeInvalidPath, r.To)
	}
	for _, m := range r.Mailboxes {
		if !validMailbox(m) {
			es.add("mailboxes", CodeInvalidEmail, m)
		}
	}
	for _, d := range r.Databases {
		if !ValidDatabaseName(d.Name) || d.As != "" && !ValidDatabaseName(d.As) {
			es.add("databases", CodeInvalidDatabase, d.Name)
		}
	}
	if r.Notify != "" && !validEmail(r.Notify) {
		es.add("notify", CodeInvalidEmail)
	}
	switch r.Existing {
	case "", ExistingOverwrite, ExistingNewer, ExistingMissing:
	default:
		es.add("existing", CodeInvalidExisting)
	}
	if r.Into != "" && !validRelPath(strings.TrimSuffix(r.Into, "/")) {
		es.add("into", CodeInvalidPath, r.Into)
	} else if r.Into != "" && r.To != "" {
		es.add("into", CodeIntoWithTo)
	}
	if r.TrustKey != "" && !validKeyFingerprint(r.TrustKey) {
		es.add("trustKey", CodeKeyFingerprint)
	}
	if r.RootBase != "" && (!strings.HasPrefix(r.RootBase, "/") || !validTarget(r.RootBase)) {
		es.add("rootBase", CodeInvalidPath, r.RootBase)
	}
	return es.err()
}

func checkStorage(es *Errors, storage string) {
	switch storage {
	case StorageServer, StorageFTP:
	case "":
		es.add("storage", CodeRequired)
	default:
		es.add("storage", CodeInvalidStorage)
	}
}

func checkSubscriptions(es *Errors, names []string) {
	for _, name := range names {
		if !validDomain(name, true) {
			es.add("subscriptions", CodeInvalidSubscript, name)
		}
	}
}
