package spec

import (
	"strconv"
	"strings"
)

// Error codes, stable: the panel translates them. The comment gives the Args.
const (
	CodeRequired           = "required"                  // the field must be set
	CodeInvalidScope       = "invalid_scope"             // scope is not "account" or "websites"
	CodeInvalidStorage     = "invalid_storage"           // storage is not "server" or "ftp"
	CodeNoContent          = "no_content"                // content chosen, but neither mail nor files
	CodeExcludeNeedsFiles  = "exclude_needs_files"       // exclusions without user files
	CodeIncrementalContent = "incremental_needs_content" // incremental with configuration only
	CodeSplitRange         = "split_range"               // Args [min, max] in MB of 1024 KB
	CodeCommentTooLong     = "comment_too_long"          // Args [max] in characters
	CodeCommentControl     = "comment_control_char"      // a control character or bytes that are not UTF-8
	CodeInvalidEmail       = "invalid_email"             // not a bare address local@domain
	CodeInvalidPatterns    = "invalid_patterns"          // Args [how many errors pattern.Compile gives]
	CodeInvalidSubscript   = "invalid_subscription"      // Args [the name]
	CodeInvalidPath        = "invalid_path"              // Args [the path]
	CodeInvalidBackupName  = "invalid_backup_name"       // the name cannot be a backup's
	CodeRightAccount       = "right_account_backup"      // the client may back up websites only
	CodeRightServer        = "right_server_storage"      // the client may not use the server storage
	CodeRightFTP           = "right_ftp_storage"         // the client may not use its FTP storage
	CodeFTPNotConfigured   = "ftp_not_configured"        // the client has no FTP settings
	CodeRightRestore       = "right_restore"             // the client may not restore
	CodeInvalidDatabase    = "invalid_database"          // Args [the name]
	CodeKeyFingerprint     = "invalid_key_fingerprint"   // trustKey is not "SHA256:" and 43 base64 characters
	CodeRightTrust         = "right_trust"               // a client asked to trust a key or to choose a root
	CodeInvalidExisting    = "invalid_existing"          // not overwrite, newer or missing
	CodeIntoWithTo         = "into_with_to"              // a folder of the webspace and another target at once
	CodeUnknownSubscript   = "unknown_subscription"      // Args [the domain]: not a subscription of the client
)

// Codes lists every code a FieldError may carry, so the panel can be checked to translate them.
var Codes = []string{
	CodeRequired, CodeInvalidScope, CodeInvalidStorage, CodeNoContent, CodeExcludeNeedsFiles,
	CodeIncrementalContent, CodeSplitRange, CodeCommentTooLong, CodeCommentControl,
	CodeInvalidEmail, CodeInvalidPatterns, CodeInvalidSubscript, CodeInvalidPath,
	CodeInvalidBackupName, CodeRightAccount, CodeRightServer, CodeRightFTP, CodeFTPNotConfigured,
	CodeRightRestore, CodeInvalidDatabase, CodeFTPHost, CodeFTPPort, CodeFTPTLS, CodeFTPLineBreak, CodeFTPControl, CodeFTPTooLong,
	CodeFTPFingerprint, CodeKeyFingerprint, CodeRightTrust, CodeInvalidExisting, CodeIntoWithTo,
	CodeUnknownSubscript,
}

// FieldError is one problem with a request. Field is the JSON name of the field it is about
// ("exclude", "splitMB", "notify", ...).
type FieldError struct {
	Field string   `json:"field"`
	Code  string   `json:"code"`
	Args  []string `json:"args,omitempty"`
}

// messages are the English texts; %0, %1 stand for Args.
var messages = map[string]string{
	CodeRequired:           "required",
	CodeInvalidScope:       "must be account or websites",
	CodeInvalidStorage:     "must be server or ftp",
	CodeNoContent:          "choose mail, user files and databases, or configuration only",
	CodeExcludeNeedsFiles:  "exclusions need user files and databases",
	CodeIncrementalContent: "an incremental backup always includes content: not with configuration only",
	CodeSplitRange:         "volume size must be 0 (no split) or from %0 to %1 MB",
	CodeCommentTooLong:     "longer than %0 characters",
	CodeCommentControl:     "control characters (other than newline and tab) are not allowed",
	CodeInvalidEmail:       "not a mail address such as name@example.com",
	CodeInvalidPatterns:    "%0 invalid exclusion pattern(s)",
	CodeInvalidSubscript:   "%0 is not a domain name",
	CodeUnknownSubscript:   "%0 is not a subscription of this client",
	CodeInvalidPath:        "%0 is not a relative path without . or .. components and control characters",
	CodeInvalidBackupName:  "not a backup name",
	CodeRightAccount:       "this client may back up its websites only",
	CodeRightServer:        "this client may not use the server storage",
	CodeRightFTP:           "this client may not use its personal FTP storage",
	CodeFTPNotConfigured:   "the personal FTP storage is not set up",
	CodeRightRestore:       "this client may not restore backups",
	CodeInvalidDatabase:    "%0 is not a database name: use 1 to 64 letters, digits, underscores or hyphens",
	CodeFTPHost:            "not a host name such as ftp.example.com or an IP address",
	CodeFTPPort:            "must be from %0 to %1",
	CodeFTPTLS:             "must be none, explicit or implicit",
	CodeFTPLineBreak:       "a line break (CR, LF) or a NUL byte is not allowed",
	CodeFTPControl:         "control characters and bytes that are not UTF-8 are not allowed",
	CodeFTPTooLong:         "longer than %0 bytes",
	CodeFTPFingerprint:     "not a SHA-256 fingerprint: 64 hexadecimal digits, colons allowed",
	CodeKeyFingerprint:     "not a host key fingerprint such as SHA256:followed by 43 characters",
	CodeRightTrust:         "only the administrator may restore a backup signed by another host, or choose where webspaces are recreated",
	CodeInvalidExisting:    "must be overwrite, newer or missing",
	CodeIntoWithTo:         "a folder of the webspace, or another target: not both",
}

// Message says the problem in English, prefixed with the field: `notify: not a mail address...`.
func (e FieldError) Message() string {
	text, ok := messages[e.Code]
	if !ok {
		text = e.Code
	}
	var b strings.Builder
	b.WriteString(e.Field + ": ")
	for i := 0; i < len(text); i++ {
		n := -1
		if text[i] == '%' && i+1 < len(text) {
			n = int(text[i+1] - '0')
		}
		if n < 0 || n > 9 {
			b.WriteByte(text[i])
			continue
		}
		i++
		if n < len(e.Args) {
			b.WriteString(e.arg(n))
		}
	}
	return b.String()
}

// arg returns Args[n] as a message shows it: names and paths quoted.
func (e FieldError) arg(n int) string {
	if e.Code == CodeInvalidSubscript || e.Code == CodeInvalidPath || e.Code == CodeUnknownSubscript {
		return strconv.Quote(e.Args[n])
	}
	return e.Args[n]
}

// Error is Message, so a FieldError is an error too.
func (e FieldError) Error() string { return e.Message() }

// Errors is every problem found in a request, in the order of the fields.
type Errors []FieldError

// Error joins the messages.
func (es Errors) Error() string {
	msgs := make([]string, len(es))
	for i, e := range es {
		msgs[i] = e.Message()
	}
	return strings.Join(msgs, "; ")
}

// Has reports whether one of the errors is about field with code.
func (es Errors) Has(field, code string) bool {
	for _, e := range es {
		if e.Field == field && e.Code == code {
			return true
		}
	}
	return false
}

// add appends a problem.
func (es *Errors) add(field, code string, args ...string) {
	*es = append(*es, FieldError{Field: field, Code: code, Args: args})
}

// err returns es as an error, or nil when there is no problem.
func (es Errors) err() error {
	if len(es) == 0 {
		return nil
	}
	return es
}

// AddMessages adds the English texts of another package's codes (%0, %1 stand for Args), for
// Message. Call it from an init function.
func AddMessages(m map[string]string) {
	for code, text := range m {
		messages[code] = text
	}
}
