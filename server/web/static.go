package web

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strconv"
	"strings"
	"time"
)

// Static is go-app's resource provider for files served at /web/, and their handler.
type Static struct {
	Files fs.FS // the web/ folder's content: coffre.css, icons, app.wasm ...
}

// Package is where go-app's own resources are served: the root.
func (s *Static) Package() string { return "" }

// Static is where the static resources are served: /web on this host.
func (s *Static) Static() string { return "" }

// AppWASM is the wasm's path.
func (s *Static) AppWASM() string { return "/web/app.wasm" }

// ServeHTTP serves /web/NAME from Files: 404 for anything missing or a directory; app.wasm
// pre-compressed when the client accepts it.
func (s *Static) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	name, ok := strings.CutPrefix(r.URL.Path, "/web/")
	if !ok || !fs.ValidPath(name) || name == "." {
		http.NotFound(w, r)
		return
	}
	if name == "app.wasm" {
		s.serveWasm(w, r)
		return
	}
	s.serveFile(w, r, name, "", "")
}

// serveWasm picks app.wasm.br, app.wasm.gz or app.wasm by the Accept-Encoding header.
func (s *Static) serveWasm(w http.ResponseWriter, r *http.Request) {
	w.Header().Add("Vary", "Accept-Encoding")
	if fi, err := fs.Stat(s.Files, "app.wasm"); err == nil {
		w.Header().Set(WasmLengthHeader, strconv.FormatInt(fi.Size(), 10))
	}
	for _, enc := range []struct{ name, ext string }{{"br", ".br"}, {"gzip", ".gz"}} {
		if accepts(r.Header.Get("Accept-Encoding"), enc.name) {
			if _, err := fs.Stat(s.Files, "app.wasm"+enc.ext); err == nil {
				s.serveFile(w, r, "app.wasm"+enc.ext, enc.name, "application/wasm")
				return
			}
		}
	}
	s.serveFile(w, r, "app.wasm", "", "application/wasm")
}

// accepts reports whether an Accept-Encoding header allows enc (listed without q=0).
func accepts(header, enc string) bool {
	for part := range strings.SplitSeq(header, ",") {
		name, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if !strings.EqualFold(strings.TrimSpace(name), enc) {
			continue
		}
		q, found := strings.CutPrefix(strings.ReplaceAll(params, " ", ""), "q=")
		if !found {
			return true
		}
		v, err := strconv.ParseFloat(q, 64)
		return err == nil && v > 0
	}
	return false
}

func (s *Static) serveFile(w http.ResponseWriter, r *http.Request, name, encoding, ctype string) {
	f, err := s.Files.Open(name)
	if err != nil {
		http.NotFound(w, r)
		return
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil || fi.IsDir() {
		http.NotFound(w, r)
		return
	}
	if ctype == "" {
		ctype = mime.TypeByExtension(path.Ext(name))
	}
	if ctype != "" {
		w.Header().Set("Content-Type", ctype)
	}
	w.Header().Set("X-Content-Type-Options", "nosniff")
	if encoding != "" {
		serveEncoded(w, r, f, fi.Size(), encoding)
		return
	}
	content, err := seeker(f)
	if err != nil {
		http.Error(w, "read error", http.StatusInternalServerError)
		return
	}
	http.ServeContent(w, r, name, time.Time{}, content)
}

// serveEncoded sends a pre-compressed file whole (ServeContent would drop its Content-Length
// and could serve ranges of the compressed bytes).
func serveEncoded(w http.ResponseWriter, r *http.Request, f io.Reader, size int64, encoding string) {
	w.Header().Set("Content-Encoding", encoding)
	w.Header().Set("Content-Length", strconv.FormatInt(size, 10))
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		io.Copy(w, f)
	}
}

// seeker returns f as an io.ReadSeeker, reading it whole if it cannot seek.
func seeker(f fs.File) (io.ReadSeeker, error) {
	if rs, ok := f.(io.ReadSeeker); ok {
		return rs, nil
	}
	data, err := io.ReadAll(f)
	if err != nil {
		return nil, errors.Join(errors.New("read static file"), err)
	}
	return bytes.NewReader(data), nil
}
