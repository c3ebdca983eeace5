package app

import (
	"context"
	"encoding/json"
	"net/url"
	"strconv"
	"time"

	"coffre/engine/account"
)

// callTimeout bounds one API call: a call that has not answered by then reads as a network error.
const callTimeout = 30 * time.Second

// call sends one JSON request to the panel's API and decodes the answer into out (when out is
// not nil). A non-2xx answer comes back as a failure carrying the server's problem.
func call(ctx context.Context, method, path string, in, out any) *failure {
	var body []byte
	if in != nil {
		b, err := json.Marshal(in)
		if err != nil {
			return clientFailure("encode", err)
		}
		body = b
	}
	ctx, cancel := context.WithTimeout(ctx, callTimeout)
	defer cancel()
	code, answer, err := fetch(ctx, method, path, body)
	if err != nil {
		return &failure{Problem: account.Problem{Code: "network", Error: err.Error()}}
	}
	if code < 200 || code > 299 {
		return problemOf(code, answer)
	}
	if out == nil || len(answer) == 0 {
		return nil
	}
	if err := json.Unmarshal(answer, out); err != nil {
		return clientFailure("decode "+path, err)
	}
	return nil
}

// problemOf reads a non-2xx answer: the server's problem, or one that names the HTTP status.
func problemOf(code int, answer []byte) *failure {
	f := &failure{HTTPStatus: code}
	if json.Unmarshal(answer, &f.Problem) != nil || f.Problem.Code == "" {
		f.Problem = account.Problem{Code: "server_error", Error: "HTTP " + strconv.Itoa(code), Args: []string{"HTTP " + strconv.Itoa(code)}}
	}
	return f
}

func clientFailure(op string, err error) *failure {
	msg := op + ": " + err.Error()
	return &failure{Problem: account.Problem{Code: "server_error", Error: msg, Args: []string{msg}}}
}

// clientPath is the API path of one client; the login is escaped so that no login can reach
// another route.
func clientPath(login string) string {
	return "/api/clients/" + url.PathEscape(login)
}
