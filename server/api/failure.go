package api

import (
	"coffre/engine/account"
	"coffre/server/failure"
)

// withCause is p with err as its technical detail and err's code (server/failure), which the
// panel explains in its language.
func withCause(p account.Problem, err error) account.Problem {
	info := failure.Of(err)
	p.Error, p.Cause, p.CauseArgs = err.Error(), info.Code, info.Args
	return p
}
