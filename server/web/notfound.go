package web

import (
	"bytes"
	"net/http"
	"strings"
)

// notFoundMarker is in the panel's page for an address it does not have (app.RouteNotFound):
// that page is answered with 404, not 200.
var notFoundMarker = []byte(`id="not-found"`)

// pageRecorder holds a page's answer until it is complete, to send it with 404 when it is the
// panel's not-found page.
type pageRecorder struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (p *pageRecorder) Header() http.Header         { return p.header }
func (p *pageRecorder) WriteHeader(status int)      { p.status = status }
func (p *pageRecorder) Write(b []byte) (int, error) { return p.body.Write(b) }

// servePage serves a page of the panel through go-app, with 404 for the not-found page.
func (h *handler) servePage(w http.ResponseWriter, r *http.Request) {
	rec := &pageRecorder{header: w.Header(), status: http.StatusOK}
	h.app.ServeHTTP(rec, r)
	if rec.status == http.StatusOK && strings.HasPrefix(rec.header.Get("Content-Type"), "text/html") &&
		bytes.Contains(rec.body.Bytes(), notFoundMarker) {
		rec.status = http.StatusNotFound
	}
	w.WriteHeader(rec.status)
	w.Write(rec.body.Bytes())
}
