package api

import (
	"mime"
	"net/http"
	"net/url"
	"strings"

	"coffre/engine/account"
	"coffre/server/auth"
	"coffre/server/jobs"
)

// passwordRoutes registers the routes that read a protected backup's objects with its
// password: the download posted as a form (the password never in a URL) and the check of a
// password before a download starts.
func (s *server) passwordRoutes(mux *http.ServeMux) {
	const b = "/api/clients/{login}/backups/{storage}/{name}"
	mux.HandleFunc("POST "+b+"/download", s.authed(s.ofClient(s.download)))
	mux.HandleFunc("POST "+b+"/download/{object}", s.authed(s.ofClient(s.download)))
	mux.HandleFunc("POST "+b+"/check-password", s.authed(s.ofClient(s.checkBackupPassword)))
}

// openDownload prepares a download. With a backup password (the form field password of a
// POST, or the header Coffre-Backup-Password) a protected backup's archive and index are served
// decrypted, after the password was checked (422 when wrong); without one, objects as stored.
// false once an error was written.
func (s *server) openDownload(w http.ResponseWriter, r *http.Request, login string) (*jobs.Download, bool) {
	pw, ok := downloadPassword(w, r)
	if !ok {
		return nil, false
	}
	key, ok := keyOf(w, pw)
	if !ok {
		return nil, false
	}
	kind, name, object := r.PathValue("storage"), r.PathValue("name"), r.PathValue("object")
	var d *jobs.Download
	var err error
	if key == nil {
		d, err = s.Jobs.Download(r.Context(), login, kind, name, object)
	} else {
		d, err = s.Jobs.DownloadPlain(r.Context(), login, kind, name, object, key)
	}
	if err != nil {
		if !writePasswordProblem(w, err) {
			s.writeRefusal(w, r, err)
		}
		return nil, false
	}
	return d, true
}

// downloadPassword reads the password of a download: the header, or the form field of a POST
// (application/x-www-form-urlencoded, what the panel's form submits). false once a 400 or 415
// was written.
func downloadPassword(w http.ResponseWriter, r *http.Request) (string, bool) {
	if pw := headerPassword(r); pw != "" || r.Method != http.MethodPost {
		return pw, true
	}
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if mt != "application/x-www-form-urlencoded" {
		writeProblem(w, http.StatusUnsupportedMediaType, account.Problem{Code: "bad_request",
			Error: "post the password as a form (application/x-www-form-urlencoded)"})
		return "", false
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxBody)
	if err := r.ParseForm(); err != nil {
		badParam(w, "password", "the form cannot be read")
		return "", false
	}
	return r.PostForm.Get("password"), true
}

// utf8Prefix starts a header value that is UTF-8 text percent-encoded (RFC 8187's form).
const utf8Prefix = "UTF-8''"

// headerPassword is the password of the header: as sent, or, when it starts with utf8Prefix,
// the UTF-8 text percent-encoded after it (a header carries no character beyond Latin-1; the
// panel sends every password so).
func headerPassword(r *http.Request) string {
	v := r.Header.Get(PasswordHeader)
	if rest, ok := strings.CutPrefix(v, utf8Prefix); ok {
		if pw, err := url.PathUnescape(rest); err == nil {
			return pw
		}
	}
	return v
}

// checkBackupPassword says whether a password opens a backup, reading only the header of its
// encrypted details: 204 when it does (or when the backup is not protected), 422
// backup_password_required or wrong_backup_password otherwise.
func (s *server) checkBackupPassword(w http.ResponseWriter, r *http.Request, _ auth.Session, login string) {
	var req struct {
		Password string `json:"password"`
	}
	if !decode(w, r, &req) {
		return
	}
	kind, name := r.PathValue("storage"), r.PathValue("name")
	if err := s.Jobs.CheckStorage(login, kind); err != nil {
		s.writeRefusal(w, r, err)
		return
	}
	key, ok := keyOf(w, req.Password)
	if !ok || !s.checkPassword(w, r, login, kind, name, key) {
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
