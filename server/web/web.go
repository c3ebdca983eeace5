package web

import (
	"crypto/sha256"
	"encoding/hex"
	"io"
	"io/fs"
	"net/http"
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// WasmLengthHeader carries app.wasm's uncompressed size, so that the loading progress stays
// right when a compressed variant is sent.
const WasmLengthHeader = "X-Wasm-Content-Length"

// New returns the handler for every path but /api/: go-app's pages, its scripts and manifest,
// and /web/* from files (the embedded web/ folder, holding coffre.css, the icons and app.wasm
// with app.wasm.br and app.wasm.gz). The version is derived from app.wasm's hash ("dev"
// without one). The panel's routes must be registered (app.Route...) before it serves.
func New(files fs.FS) http.Handler {
	static := &Static{Files: files}
	h := &app.Handler{
		Name:                    "Coffre",
		ShortName:               "Coffre",
		Title:                   "Coffre",
		Description:             "Back up and restore hosting accounts and websites",
		Lang:                    "en",
		ThemeColor:              "#1d5bb8",
		BackgroundColor:         "#ffffff",
		LoadingLabel:            "Coffre {progress}%",
		Icon:                    app.Icon{Default: "/web/icon-192.png", Large: "/web/icon-512.png", AppleTouch: "/web/icon-192.png", SVG: "/web/icon.svg"},
		Styles:                  []string{"/web/coffre.css"},
		Resources:               static,
		Version:                 Version(files),
		WasmContentLengthHeader: WasmLengthHeader,
		ServiceWorkerTemplate:   workerJS,
	}
	return &handler{app: h, static: static}
}

// Version is a short hash of app.wasm, or "dev" when files has none.
func Version(files fs.FS) string {
	f, err := files.Open("app.wasm")
	if err != nil {
		return "dev"
	}
	defer f.Close()
	sum := sha256.New()
	if _, err := io.Copy(sum, f); err != nil {
		return "dev"
	}
	return hex.EncodeToString(sum.Sum(nil))[:16]
}

// handler keeps go-app away from the paths it would proxy by fetching them from the Host the
// request names (/robots.txt, /sitemap.xml, /ads.txt): those are served from files or 404.
type handler struct {
	app    *app.Handler
	static *Static
}

func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch r.URL.Path {
	case "/robots.txt", "/sitemap.xml", "/ads.txt":
		r2 := *r
		u := *r.URL
		u.Path = "/web" + r.URL.Path
		r2.URL = &u
		h.static.ServeHTTP(w, &r2)
		return
	}
	z := &zoomable{ResponseWriter: w}
	if r.Method == http.MethodGet && !strings.HasPrefix(r.URL.Path, "/web/") {
		h.servePage(z, r)
	} else {
		h.app.ServeHTTP(z, r)
	}
	z.finish()
}
