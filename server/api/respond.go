package api

import (
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"

	"coffre/engine/account"
	"coffre/server/store"
)

var (
	notFoundProblem  = account.Problem{Code: store.CodeNotFound, Error: "not found"}
	forbiddenProblem = account.Problem{Code: "forbidden", Error: "forbidden"}
	unauthProblem    = account.Problem{Code: "unauthenticated", Error: "log in first"}
)

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

func writeProblem(w http.ResponseWriter, status int, p account.Problem) {
	writeJSON(w, status, p)
}

var statusByCode = map[string]int{
	store.CodeNotFound: http.StatusNotFound,
	store.CodeExists:   http.StatusConflict,
	store.CodeBusy:     http.StatusServiceUnavailable,
}

// writeError answers with the store's refusal as a Problem, or a 500 that says nothing of the
// cause (which is logged).
func (s *server) writeError(w http.ResponseWriter, r *http.Request, err error) {
	var se *store.Error
	if errors.As(err, &se) {
		if se.Code == store.CodeNotFound {
			writeProblem(w, http.StatusNotFound, notFoundProblem) // never say what is missing
			return
		}
		status, ok := statusByCode[se.Code]
		if !ok {
			status = http.StatusBadRequest
		}
		writeProblem(w, status, se.Problem())
		return
	}
	s.Log.ErrorContext(r.Context(), "api error", "method", r.Method, "path", r.URL.Path, "err", err)
	writeProblem(w, http.StatusInternalServerError, account.Problem{Code: "internal", Error: "internal error"})
}

// maxBody bounds a request body.
const maxBody = 64 << 10

// decode reads a JSON body into v; it answers and returns false when it cannot.
func decode(w http.ResponseWriter, r *http.Request, v any) bool {
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if mt != "application/json" {
		writeProblem(w, http.StatusUnsupportedMediaType, account.Problem{Code: "bad_request",
			Error: "send JSON with Content-Type: application/json"})
		return false
	}
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxBody))
	if err := dec.Decode(v); err != nil || dec.Decode(new(json.RawMessage)) != io.EOF {
		writeProblem(w, http.StatusBadRequest, account.Problem{Code: "bad_request", Error: "invalid JSON body"})
		return false
	}
	return true
}
