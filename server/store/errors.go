package store

import "coffre/engine/account"

// Error is a refusal or a failure the API and the CLI show as is: an English message, a stable
// code the panel translates, the field it is about and the code's arguments.
type Error struct {
	Code  string
	Field string
	Args  []string
	Msg   string
	Err   error // the cause, if any
}

func (e *Error) Error() string {
	if e.Err != nil && e.Msg == "" {
		return e.Err.Error()
	}
	return e.Msg
}

func (e *Error) Unwrap() error { return e.Err }

// Is makes errors.Is(err, ErrNotFound) true for any Error with the same code.
func (e *Error) Is(target error) bool {
	t, ok := target.(*Error)
	return ok && t.Code == e.Code && t.Msg == ""
}

// Problem is the error as the API sends it.
func (e *Error) Problem() account.Problem {
	return account.Problem{Error: e.Error(), Code: e.Code, Field: e.Field, Args: e.Args}
}

// Codes callers branch on. Match them with errors.Is.
var (
	ErrNotFound = &Error{Code: CodeNotFound}
	ErrExists   = &Error{Code: CodeExists}
	ErrBusy     = &Error{Code: CodeBusy}
)

// Error codes. Validation codes name what was wrong; the API maps not_found to 404, exists to
// 409, busy to 503 and the others to 400.
const (
	CodeNotFound       = "not_found"
	CodeExists         = "exists"
	CodeBusy           = "busy"
	CodeInvalidLogin   = "invalid_login"
	CodeReservedLogin  = "reserved_login"
	CodeInvalidDomain  = "invalid_domain"
	CodeInvalidEmail   = "invalid_email"
	CodeInvalidLang    = "invalid_lang"
	CodeInvalidText    = "invalid_text"
	CodeInvalidPath    = "invalid_path"
	CodeInvalidUser    = "invalid_user"
	CodeInvalidName    = "invalid_name"
	CodeInvalidEngine  = "invalid_engine"
	CodeInvalidPort    = "invalid_port"
	CodeRootMissing    = "root_missing"
	CodeRootNotDir     = "root_not_directory"
	CodeRootOverlap    = "root_overlap"
	CodeRootData       = "root_contains_data"
	CodeWrongSubDomain = "mailbox_domain"
	CodeInvalidRole    = "invalid_role"
	CodeRequired       = "required"
)

func invalid(code, field, msg string, args ...string) *Error {
	return &Error{Code: code, Field: field, Msg: msg, Args: args}
}

func notFound(kind, key string) *Error {
	return &Error{Code: CodeNotFound, Field: kind, Args: []string{key}, Msg: "no " + kind + " " + quote(key)}
}

func exists(kind, key string) *Error {
	return &Error{Code: CodeExists, Field: kind, Args: []string{key}, Msg: "a " + kind + " " + quote(key) + " already exists"}
}
