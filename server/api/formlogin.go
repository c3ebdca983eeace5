package api

import (
	"bytes"
	"encoding/json"
	"io"
	"mime"
	"net/http"
	"net/url"

	"coffre/engine/account"
	"coffre/server/store"
)

// FormLoginPaths are the pages whose login form, posted by the browser itself (a user who
// pressed Enter before the panel's app started), New's handler answers: POST / and POST /login.
// Mount the handler at these patterns too.
var FormLoginPaths = []string{"POST /{$}", "POST /login"}

// formLogin answers the login form posted by the browser (application/x-www-form-urlencoded,
// fields login and password; ?next= in the page's URL). It runs the JSON login on the fields,
// so limits and logs are the same, and turns its answer into a redirect: to next or the user's
// home when logged in (the page that changes it for a one-time password), else back to the form
// with ?error=CODE (never the password in a URL).
func (s *server) formLogin(w http.ResponseWriter, r *http.Request) {
	next := r.URL.Query().Get("next")
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	r.Body = http.MaxBytesReader(w, r.Body, maxBody)
	if mt != "application/x-www-form-urlencoded" || r.ParseForm() != nil {
		http.Redirect(w, r, loginPage("bad_request", next), http.StatusSeeOther)
		return
	}
	body, _ := json.Marshal(loginRequest{Login: r.PostForm.Get("login"), Password: r.PostForm.Get("password")})
	jr := r.Clone(r.Context())
	jr.Body, jr.ContentLength = io.NopCloser(bytes.NewReader(body)), int64(len(body))
	jr.Header.Set("Content-Type", "application/json")
	rec := &recorder{ResponseWriter: w, status: http.StatusOK}
	s.login(rec, jr)
	w.Header().Del("Content-Type")
	if rec.status != http.StatusOK {
		var p account.Problem
		json.Unmarshal(rec.body.Bytes(), &p)
		http.Redirect(w, r, loginPage(p.Code, next), http.StatusSeeOther)
		return
	}
	var me account.Me
	json.Unmarshal(rec.body.Bytes(), &me)
	if !isLocalPath(next) {
		next = homeOf(me)
	}
	if me.MustChange {
		next = mustChangePath // the only page the one-time password opens
	}
	http.Redirect(w, r, next, http.StatusSeeOther)
}

// mustChangePath is the panel's page where a user changes the one-time password.
const mustChangePath = "/password"

// recorder keeps an answer's status and body; its headers (the session cookie) go through.
type recorder struct {
	http.ResponseWriter
	status int
	body   bytes.Buffer
}

func (c *recorder) WriteHeader(status int)      { c.status = status }
func (c *recorder) Write(p []byte) (int, error) { return c.body.Write(p) }

// loginPage is the login form saying why the last login failed, coming back to next once done.
func loginPage(code, next string) string {
	if code == "" {
		code = "internal"
	}
	q := url.Values{"error": {code}}
	if isLocalPath(next) {
		q.Set("next", next)
	}
	return "/login?" + q.Encode()
}

// homeOf is where a user starts: Clients for the administrator, its own panel for a client.
func homeOf(me account.Me) string {
	if me.Role == store.RoleClient && me.Client != "" {
		return "/customer/" + url.PathEscape(me.Client)
	}
	return "/clients"
}

// isLocalPath reports whether p is a path of this site (never another host, as "//x" would
// be; browsers drop tabs and newlines and read "\" as "/", so those are refused too).
func isLocalPath(p string) bool {
	if len(p) == 0 || p[0] != '/' || (len(p) > 1 && p[1] == '/') {
		return false
	}
	for i := 0; i < len(p); i++ {
		if p[i] < 0x20 || p[i] == 0x7f || p[i] == '\\' {
			return false
		}
	}
	return true
}
