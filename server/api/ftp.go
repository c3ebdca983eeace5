package api

import (
	"errors"
	"net/http"
	"strings"

	"coffre/engine/account"
	"coffre/engine/spec"
	"coffre/engine/storage/ftp"
	"coffre/server/auth"
	"coffre/server/failure"
	"coffre/server/ftpset"
	"coffre/server/jobs"
)

// ftpView is a client's FTP settings as the API shows them: never the password.
type ftpView struct {
	Configured bool `json:"configured"`
	account.FTPSettings
}

// ftpStep is one step of a connection test: the server's answer as it said it, and why the
// step failed (English; the panel translates the step's name).
type ftpStep struct {
	Step  string   `json:"step"`
	OK    bool     `json:"ok"`
	Reply string   `json:"reply,omitempty"`
	Error string   `json:"error,omitempty"`
	Code  string   `json:"code,omitempty"` // the failure's code (server/failure), for the panel to say it
	Args  []string `json:"args,omitempty"`
}

// ftpTestView is the outcome of a connection test.
type ftpTestView struct {
	OK          bool      `json:"ok"`
	Steps       []ftpStep `json:"steps"`
	Fingerprint string    `json:"fingerprint,omitempty"` // the certificate's SHA-256 when TLS was used
	Trusted     bool      `json:"trusted"`               // the certificate is the one the settings trust
}

// withFTPRight lets through only a client that has the FTP storage right, administrator or not:
// a 403 naming right_ftp_storage otherwise.
func (s *server) withFTPRight(h clientFunc) clientFunc {
	return func(w http.ResponseWriter, r *http.Request, sess auth.Session, login string) {
		c, err := s.Store.Client(login)
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		if !c.Rights.FTPStorage {
			writeProblem(w, http.StatusForbidden, account.Problem{Code: forbiddenProblem.Code,
				Error:  "this client may not use its personal FTP storage",
				Fields: []account.FieldProblem{{Field: "ftp", Code: spec.CodeRightFTP}}})
			return
		}
		h(w, r, sess, login)
	}
}

func (s *server) ftpSettings(w http.ResponseWriter, r *http.Request, _ auth.Session, login string) {
	c, err := s.Store.Client(login)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	v := ftpView{FTPSettings: account.FTPSettings{Port: 21, TLS: spec.FTPTLSExplicit}}
	if c.FTP != nil {
		v = ftpView{Configured: true, FTPSettings: *c.FTP}
	}
	writeJSON(w, http.StatusOK, v)
}

// setFTP saves the form; an empty password keeps the saved one.
func (s *server) setFTP(w http.ResponseWriter, r *http.Request, _ auth.Session, login string) {
	var f spec.FTP
	if !decode(w, r, &f) {
		return
	}
	if err := ftpset.Save(s.Store, s.Keys, login, f); err != nil {
		s.writeRefusal(w, r, refusalOf(err))
		return
	}
	saved, _, err := ftpset.Load(s.Store, s.Keys, login)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	s.Log.InfoContext(r.Context(), "FTP settings saved", "client", login, "ftp", saved)
	s.ftpSettings(w, r, auth.Session{}, login)
}

// testFTP tests the settings of the form (the saved password when the form has none), without
// saving them.
func (s *server) testFTP(w http.ResponseWriter, r *http.Request, _ auth.Session, login string) {
	var f spec.FTP
	if !decode(w, r, &f) {
		return
	}
	if err := f.Validate(); err != nil {
		s.writeRefusal(w, r, refusalOf(err))
		return
	}
	set, err := ftpset.Merge(s.Store, s.Keys, login, f)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	rep := ftpset.Test(r.Context(), set)
	writeJSON(w, http.StatusOK, testView(rep, set.FTP))
}

func testView(rep ftp.Report, f spec.FTP) ftpTestView {
	v := ftpTestView{OK: rep.OK(), Steps: []ftpStep{}, Fingerprint: rep.Fingerprint}
	v.Trusted = rep.Fingerprint != "" && spec.NormalFingerprint(rep.Fingerprint) == spec.NormalFingerprint(f.Fingerprint)
	hide := func(s string) string {
		if f.Password != "" {
			s = strings.ReplaceAll(s, f.Password, "********")
		}
		return s
	}
	for _, st := range rep.Steps {
		one := ftpStep{Step: string(st.Step), OK: st.OK, Reply: hide(st.Reply)}
		if st.Err != nil {
			one.Error = hide(st.Err.Error())
			if info := failure.Of(st.Err); info.Code != failure.Internal {
				one.Code, one.Args = info.Code, info.Args
			}
		}
		v.Steps = append(v.Steps, one)
	}
	return v
}

// refusalOf makes spec.Errors a request refusal (400 with the fields); other errors pass.
func refusalOf(err error) error {
	var es spec.Errors
	if errors.As(err, &es) {
		return &jobs.Refusal{Errors: es}
	}
	return err
}
