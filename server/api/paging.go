package api

import (
	"net/http"
	"strconv"

	"coffre/engine/account"
)

// maxPage bounds the limit of a listing.
const maxPage = 500

// pageOf reads a listing's ?q=&offset=&limit=: the search, how many rows to skip and how many
// to return (def when absent, at most maxPage). It answers 400 and returns false when they are
// not numbers in range.
func pageOf(w http.ResponseWriter, r *http.Request, def int) (q string, offset, limit int, ok bool) {
	v := r.URL.Query()
	q, offset, limit = v.Get("q"), 0, def
	if len(q) > 200 {
		writeProblem(w, http.StatusBadRequest, account.Problem{Code: "bad_request", Error: "the search is longer than 200 bytes"})
		return "", 0, 0, false
	}
	for name, dst := range map[string]*int{"offset": &offset, "limit": &limit} {
		s := v.Get(name)
		if s == "" {
			continue
		}
		n, err := strconv.Atoi(s)
		if err != nil || n < 0 || name == "limit" && (n < 1 || n > maxPage) {
			writeProblem(w, http.StatusBadRequest, account.Problem{Code: "bad_request", Field: name,
				Error: name + " must be a whole number (limit: 1 to " + strconv.Itoa(maxPage) + ")"})
			return "", 0, 0, false
		}
		*dst = n
	}
	return q, offset, limit, true
}
