package api

import (
	"errors"
	"io"
	"mime"
	"net/http"

	"coffre/engine/account"
	"coffre/server/auth"
	"coffre/server/jobs"
	"coffre/server/store"
)

// upload receives a backup made by Coffre as multipart/form-data, one part per file, the
// manifest first; each file is checked against the manifest as it arrives, and the backup is
// stored and listed only once all are (201 jobs.Listed). ?storage= is server (default) or ftp.
func (s *server) upload(w http.ResponseWriter, r *http.Request, _ auth.Session, login string) {
	kind := r.URL.Query().Get("storage")
	if kind == "" {
		kind = "server"
	}
	if mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); mt != "multipart/form-data" {
		writeProblem(w, http.StatusUnsupportedMediaType, account.Problem{Code: "bad_request",
			Error: "send the backup's files as multipart/form-data, the manifest first"})
		return
	}
	up, err := s.Jobs.NewUpload(login, kind, s.maxUpload())
	if err != nil {
		s.writeRefusal(w, r, err)
		return
	}
	defer up.Discard()
	r.Body = http.MaxBytesReader(w, r.Body, s.maxUpload()+maxBody+(1<<20))
	if err := receive(r, up); err != nil {
		s.uploadRefused(w, r, err)
		return
	}
	l, err := up.Commit(r.Context())
	if err != nil {
		s.uploadRefused(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, l)
}

// receive hands every file part of the request to up.
func receive(r *http.Request, up *jobs.Upload) error {
	mr, err := r.MultipartReader()
	if err != nil {
		return badMultipart(err)
	}
	for {
		p, err := mr.NextPart()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return badMultipart(err)
		}
		if p.FileName() == "" {
			p.Close()
			continue
		}
		err = up.Add(p.FileName(), p)
		p.Close()
		if err != nil {
			return err
		}
	}
}

func (s *server) uploadRefused(w http.ResponseWriter, r *http.Request, err error) {
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		writeProblem(w, http.StatusRequestEntityTooLarge, account.Problem{Code: jobs.CodeUploadTooLarge,
			Error: "the upload is larger than the limit", Args: []string{itoa(s.maxUpload())}})
		return
	}
	s.writeRefusal(w, r, err)
}

// badMultipart is a body that is not the multipart form it claims (400 bad_request).
func badMultipart(err error) error {
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		return err
	}
	return &store.Error{Code: "bad_request", Msg: "the upload is not a valid multipart form", Err: err}
}
