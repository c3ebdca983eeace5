package failure

import (
	"context"
	"errors"
	"strconv"

	"coffre/engine/archive"
	"coffre/engine/backup"
	"coffre/engine/dump"
	"coffre/engine/index"
	"coffre/engine/manifest"
	"coffre/engine/protect"
	"coffre/engine/storage"
	"coffre/engine/storage/ftp"
	"coffre/engine/verify"
)

// Codes of what went wrong. They are stable: the panel translates "fail.CODE", and tasks
// keep them in their records.
const (
	Unreachable      = "unreachable"     // connection refused, no route; Args: the address
	UnknownHost      = "unknown_host"    // the name does not resolve; Args: the name
	Timeout          = "timeout"         // the other side stopped answering
	AuthRefused      = "auth_refused"    // the login or the password was refused
	TLS              = "tls"             // no TLS, or a certificate not trusted
	Fingerprint      = "fingerprint"     // the certificate is not the one the settings name
	NoSuchBackup     = "no_such_backup"  // the storage holds no backup of that name
	NotFound         = "not_found"       // a file of a backup is missing from its storage
	NoSpace          = "no_space"        // a disk or a quota is full
	Permission       = "permission"      // the system or the server refused access
	Corrupt          = "corrupt"         // a backup's data differs from what was written
	Signature        = "signature"       // the manifest is not signed by a trusted key
	BrokenChain      = "broken_chain"    // an incremental backup's parent is missing or damaged
	VerifyFailed     = "verify_failed"   // the verification found problems (listed with it)
	MissingTool      = "missing_tool"    // a database tool is not installed on the host
	Busy             = "busy"            // another task of the client holds its lock
	Cancelled        = "cancelled"       // a user cancelled it
	Interrupted      = "interrupted"     // the process running it stopped
	SMTPNotSetUp     = "smtp_not_set_up" // no mail settings were saved
	FTPNotSetUp      = "ftp_not_set_up"  // the personal FTP storage is not set up
	Refused          = "refused"         // the request no longer passes its checks
	MissingSub       = "missing_subscription"
	SafetyFailed     = "safety_failed"     // the safety backup before a restore failed
	RecipientRefused = "recipient_refused" // the mail server refused the address
	SpaceShort       = "space_short"       // refused before writing; Args: bytes needed, bytes free, folder
	WrongPassword    = "wrong_backup_password"
	PasswordRequired = "backup_password_required" // the backup is protected and no password was given
	DatabaseExists   = "database_exists"          // a restore would replace a database without leave
	// FTPAddressRefused: the FTP server's address is the host's own or private, and the
	// administrator did not allow its network; Args: the address.
	FTPAddressRefused = "ftp_address_refused"
	Internal          = "internal" // anything else: the detail says what
)

// Info is an error's code with the arguments its message names.
type Info struct {
	Code string   `json:"code"`
	Args []string `json:"args,omitempty"`
}

// Coded is an error that knows its code: the sentinels made by New, and errors of packages
// that wrap them.
type Coded interface{ FailureCode() string }

// A Coded error that also has FailureArgs() []string gives its values with its code.

type sentinel struct{ code, text string }

func (s *sentinel) Error() string       { return s.text }
func (s *sentinel) FailureCode() string { return s.code }

// New returns a sentinel error with the given code and English text, for a package's
// var ErrX = failure.New(...); errors.Is compares it by identity like errors.New.
func New(code, text string) error { return &sentinel{code: code, text: text} }

// engineErrors are the engine's sentinels, checked in order.
var engineErrors = []struct {
	err  error
	code string
}{
	{manifest.ErrMissing, NoSuchBackup},
	{protect.ErrWrongPassword, WrongPassword},
	{manifest.ErrLocked, PasswordRequired},
	{manifest.ErrSignature, Signature},
	{backup.ErrBrokenChain, BrokenChain},
	{verify.ErrFailed, VerifyFailed},
	{manifest.ErrInvalid, Corrupt},
	{archive.ErrCorrupt, Corrupt},
	{index.ErrCorrupt, Corrupt},
	{dump.ErrNoTool, MissingTool},
	{dump.ErrExists, DatabaseExists},
	{ftp.ErrFingerprint, Fingerprint},
	{ftp.ErrTimeout, Timeout},
	{storage.ErrNotFound, NotFound},
	{storage.ErrNoSpace, NoSpace},
}

// Of sorts err. A nil error has no code; an error nothing recognises is Internal.
func Of(err error) Info {
	if err == nil {
		return Info{}
	}
	var c Coded
	if errors.As(err, &c) {
		var args []string
		if a, ok := c.(interface{ FailureArgs() []string }); ok {
			args = a.FailureArgs()
		}
		return Info{Code: c.FailureCode(), Args: args}
	}
	if errors.Is(err, context.Canceled) {
		return Info{Code: Cancelled}
	}
	var se *storage.SpaceError
	if errors.As(err, &se) {
		return Info{Code: SpaceShort, Args: []string{strconv.FormatInt(se.Needed, 10), strconv.FormatInt(se.Free, 10), se.Where}}
	}
	for _, e := range engineErrors {
		if errors.Is(err, e.err) {
			return Info{Code: e.code}
		}
	}
	if i, ok := replyOf(err); ok {
		return i
	}
	if i, ok := networkOf(err); ok {
		return i
	}
	return systemOf(err)
}
