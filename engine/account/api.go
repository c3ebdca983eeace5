package account

import "time"

// The API's JSON shapes that are not stored objects. Routes are listed in server/api/doc.go.

// Me is the session's user: the administrator, or a client in its own Customer Panel.
type Me struct {
	Login  string `json:"login"`
	Role   string `json:"role"`             // "admin" or "client"
	Client string `json:"client,omitempty"` // the client's login when Role is "client"
	Lang   string `json:"lang,omitempty"`
	// MustChange says the user logged in with the one-time password printed at first start:
	// it must change it before anything else.
	MustChange bool `json:"mustChange,omitempty"`
}

// ClientSummary is one row of the Clients list.
type ClientSummary struct {
	Login         string     `json:"login"`
	Name          string     `json:"name"`
	Company       string     `json:"company,omitempty"`
	Email         string     `json:"email,omitempty"`
	Subscriptions int        `json:"subscriptions"`
	Domains       int        `json:"domains"`
	LastBackup    *time.Time `json:"lastBackup,omitempty"`
}

// Problem is an API error body: a message in English, a stable code the panel translates, and
// the code's arguments (a field name, a pattern, a limit).
type Problem struct {
	Error string   `json:"error"`
	Code  string   `json:"code"`
	Field string   `json:"field,omitempty"`
	Args  []string `json:"args,omitempty"`
	// Fields lists every refused field of a request (code "invalid_request"): the panel marks each.
	Fields []FieldProblem `json:"fields,omitempty"`
	// Cause sorts the error behind the problem (server/failure: "unreachable", "auth_refused"...)
	// with its arguments; Error then holds the technical detail.
	Cause     string   `json:"cause,omitempty"`
	CauseArgs []string `json:"causeArgs,omitempty"`
}

// FieldProblem is one refused field of a request, as engine/spec.FieldError says it.
type FieldProblem struct {
	Field string   `json:"field"`
	Code  string   `json:"code"`
	Args  []string `json:"args,omitempty"`
}
