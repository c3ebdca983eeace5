package web

import (
	"bytes"
	"net/http"
	"strconv"
	"strings"
)

// go-app's pages name a viewport that stops pinch-zoom on phones; the panel's let users zoom.
const (
	goappViewport = `width=device-width, initial-scale=1, maximum-scale=1, user-scalable=0, viewport-fit=cover`
	viewport      = `width=device-width, initial-scale=1, viewport-fit=cover`
)

// zoomable passes an answer through, but holds an HTML page back to write it with the panel's
// viewport once whole.
type zoomable struct {
	http.ResponseWriter
	status int
	page   *bytes.Buffer // nil unless the answer is HTML
}

func (z *zoomable) WriteHeader(status int) {
	if z.status != 0 {
		return
	}
	z.status = status
	if strings.HasPrefix(z.Header().Get("Content-Type"), "text/html") {
		z.page = &bytes.Buffer{}
		return
	}
	z.ResponseWriter.WriteHeader(status)
}

func (z *zoomable) Write(p []byte) (int, error) {
	if z.status == 0 {
		if z.Header().Get("Content-Type") == "" {
			z.Header().Set("Content-Type", http.DetectContentType(p))
		}
		z.WriteHeader(http.StatusOK)
	}
	if z.page != nil {
		return z.page.Write(p)
	}
	return z.ResponseWriter.Write(p)
}

// finish writes the page held back, with the panel's viewport.
func (z *zoomable) finish() {
	if z.page == nil {
		return
	}
	page := bytes.Replace(z.page.Bytes(), []byte(goappViewport), []byte(viewport), 1)
	z.Header().Set("Content-Length", strconv.Itoa(len(page)))
	z.ResponseWriter.WriteHeader(z.status)
	z.ResponseWriter.Write(page)
}
