package app

import (
	"strconv"

	"coffre/engine/account"
)

// status is where a piece of remote state stands.
type status int

const (
	idle    status = iota // nothing asked yet
	loading               // asked, no answer yet, nothing to show
	loaded                // Data holds the last answer
	failed                // Err says why
)

// remote is state fetched from the API, kept in go-app's store under one key. Components observe
// it and render each status; only action handlers write it.
type remote[T any] struct {
	Status status
	Data   T
	Err    *failure
}

// failure is why an API call did not answer what was asked: the HTTP status (0 when the server
// could not be reached) and the server's problem, whose code the panel translates.
type failure struct {
	HTTPStatus int
	Problem    account.Problem
}

func (f *failure) Error() string {
	return "api: " + strconv.Itoa(f.HTTPStatus) + " " + f.Problem.Code + ": " + f.Problem.Error
}
