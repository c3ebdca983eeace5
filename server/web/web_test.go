package web

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/andybalholm/brotli"
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

var wasm = bytes.Repeat([]byte("\x00asm fake module "), 1000)

func compress(t *testing.T, w io.WriteCloser, buf *bytes.Buffer) []byte {
	t.Helper()
	w.Write(wasm)
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func files(t *testing.T) fstest.MapFS {
	var br, gz bytes.Buffer
	return fstest.MapFS{
		"app.wasm":      {Data: wasm},
		"app.wasm.br":   {Data: compress(t, brotli.NewWriter(&br), &br)},
		"app.wasm.gz":   {Data: compress(t, gzip.NewWriter(&gz), &gz)},
		"coffre.css":    {Data: []byte("body{}")},
		"icon-192.png":  {Data: []byte("\x89PNG")},
		"sub/inner.txt": {Data: []byte("x")},
	}
}

func get(h http.Handler, path string, header ...string) *http.Response {
	r := httptest.NewRequest("GET", path, nil)
	for i := 0; i+1 < len(header); i += 2 {
		r.Header.Set(header[i], header[i+1])
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w.Result()
}

func TestWasmServedPrecompressed(t *testing.T) {
	fsys := files(t)
	h := New(fsys)
	tests := []struct {
		accept, encoding, file string
	}{
		{"gzip, deflate, br, zstd", "br", "app.wasm.br"},
		{"gzip", "gzip", "app.wasm.gz"},
		{"br;q=0, gzip;q=0.8", "gzip", "app.wasm.gz"},
		{"", "", "app.wasm"},
		{"identity", "", "app.wasm"},
	}
	for _, path := range []string{"/web/app.wasm", "/app.wasm"} {
		for _, tt := range tests {
			res := get(h, path, "Accept-Encoding", tt.accept)
			body, _ := io.ReadAll(res.Body)
			want := fsys[tt.file].Data
			if res.StatusCode != 200 || !bytes.Equal(body, want) || res.Header.Get("Content-Encoding") != tt.encoding {
				t.Errorf("%s %q: %d, %d bytes, encoding %q; want %s", path, tt.accept, res.StatusCode, len(body), res.Header.Get("Content-Encoding"), tt.file)
			}
			if res.Header.Get("Content-Type") != "application/wasm" || res.Header.Get("Content-Length") != strconv.Itoa(len(want)) {
				t.Errorf("%s %q: type %q length %q", path, tt.accept, res.Header.Get("Content-Type"), res.Header.Get("Content-Length"))
			}
			if res.Header.Get(WasmLengthHeader) != strconv.Itoa(len(wasm)) || !strings.Contains(res.Header.Get("Vary"), "Accept-Encoding") {
				t.Errorf("%s %q: raw length %q, vary %q", path, tt.accept, res.Header.Get(WasmLengthHeader), res.Header.Get("Vary"))
			}
		}
	}
	zr, _ := gzip.NewReader(bytes.NewReader(fsys["app.wasm.gz"].Data))
	if plain, _ := io.ReadAll(zr); !bytes.Equal(plain, wasm) {
		t.Error("the gzip variant is not app.wasm")
	}
}

func TestStaticFiles(t *testing.T) {
	h := New(files(t))
	tests := []struct {
		path   string
		status int
		ctype  string
	}{
		{"/web/coffre.css", 200, "text/css; charset=utf-8"},
		{"/web/icon-192.png", 200, "image/png"},
		{"/web/sub/inner.txt", 200, "text/plain; charset=utf-8"},
		{"/web/sub", 404, ""},
		{"/web/sub/", 404, ""},
		{"/web/", 404, ""},
		{"/web/missing.js", 404, ""},
		{"/web/../main.go", 404, ""},
	}
	for _, tt := range tests {
		res := get(h, tt.path)
		if res.StatusCode != tt.status || tt.ctype != "" && res.Header.Get("Content-Type") != tt.ctype {
			t.Errorf("%s: %d %q, want %d %q", tt.path, res.StatusCode, res.Header.Get("Content-Type"), tt.status, tt.ctype)
		}
	}
}

// go-app would fetch /web/robots.txt from whatever host the request names and cache the answer.
func TestNoProxyFetchFromTheRequestsHost(t *testing.T) {
	h := New(files(t))
	fetched := false
	evil := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fetched = true
		io.WriteString(w, "Disallow: nothing")
	}))
	defer evil.Close()
	for _, path := range []string{"/robots.txt", "/sitemap.xml", "/ads.txt"} {
		r := httptest.NewRequest("GET", path, nil)
		r.Host = strings.TrimPrefix(evil.URL, "http://")
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		if w.Code != 404 || fetched {
			t.Errorf("%s: %d, fetched from the request's host: %v", path, w.Code, fetched)
		}
	}
}

func TestManifestIconsAreLocal(t *testing.T) {
	res := get(New(files(t)), "/manifest.webmanifest")
	var m struct {
		Name      string
		ShortName string `json:"short_name"`
		StartURL  string `json:"start_url"`
		Display   string
		Icons     []struct{ Src, Sizes string }
	}
	if err := json.NewDecoder(res.Body).Decode(&m); err != nil {
		t.Fatal(err)
	}
	if m.ShortName != "Coffre" || m.StartURL != "/" || m.Display != "standalone" || len(m.Icons) != 3 {
		t.Fatalf("manifest = %+v", m)
	}
	for _, icon := range m.Icons {
		if !strings.HasPrefix(icon.Src, "/web/") {
			t.Errorf("icon %s is not served by Coffre", icon.Src)
		}
	}
	js, _ := io.ReadAll(get(New(files(t)), "/app-worker.js").Body)
	if strings.Contains(string(js), "://") {
		t.Errorf("the service worker caches an outside URL:\n%s", js)
	}
}

func TestVersionIsTheWasmHash(t *testing.T) {
	sum := sha256.Sum256(wasm)
	want := hex.EncodeToString(sum[:])[:16]
	if v := Version(files(t)); v != want {
		t.Errorf("Version = %q, want %q", v, want)
	}
	if v := Version(fstest.MapFS{}); v != "dev" {
		t.Errorf("Version without app.wasm = %q, want dev", v)
	}
	js, _ := io.ReadAll(get(New(files(t)), "/app.js").Body)
	if !strings.Contains(string(js), want) {
		t.Error("app.js does not carry the version")
	}
	if res := get(New(fstest.MapFS{}), "/web/app.wasm"); res.StatusCode != 404 {
		t.Errorf("missing app.wasm: %d", res.StatusCode)
	}
}

type hello struct{ app.Compo }

func (h *hello) Render() app.UI { return app.H1().Text("Hello from Coffre") }

func TestPagesArePrerendered(t *testing.T) {
	app.RouteFunc("/web-test-page", func() app.Composer { return &hello{} })
	res := get(New(files(t)), "/web-test-page")
	body, _ := io.ReadAll(res.Body)
	for _, want := range []string{"Hello from Coffre", "/web/coffre.css", "/web/icon-192.png", "<title>Coffre</title>"} {
		if !strings.Contains(string(body), want) {
			t.Errorf("the page lacks %q", want)
		}
	}
}

func FuzzAccepts(f *testing.F) {
	for _, s := range []string{"gzip, br;q=0", "br;q=", "*;q=1", ";;,,"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, header string) {
		if accepts(header, "br") && !strings.Contains(strings.ToLower(header), "br") {
			t.Fatalf("br accepted from %q", header)
		}
	})
}

// Pages let users zoom: no maximum-scale=1 nor user-scalable=0.
func TestPagesLetUsersZoom(t *testing.T) {
	app.RouteFunc("/web-zoom-page", func() app.Composer { return &hello{} })
	res := get(New(files(t)), "/web-zoom-page")
	body, _ := io.ReadAll(res.Body)
	if !strings.Contains(string(body), `content="`+viewport+`"`) || strings.Contains(string(body), "user-scalable") ||
		strings.Contains(string(body), "maximum-scale") {
		t.Errorf("the page's viewport does not let users zoom:\n%s", body)
	}
	if n, _ := strconv.Atoi(res.Header.Get("Content-Length")); n != len(body) {
		t.Errorf("Content-Length %d for %d bytes", n, len(body))
	}
	if res := get(New(files(t)), "/web/app.wasm"); res.Header.Get("Content-Type") != "application/wasm" {
		t.Errorf("app.wasm through the page writer: %q", res.Header.Get("Content-Type"))
	}
}

// The service worker answers pages from the network and, offline, from its copies; never the API.
func TestWorkerServesPagesOffline(t *testing.T) {
	js, _ := io.ReadAll(get(New(files(t)), "/app-worker.js").Body)
	for _, want := range []string{`request.mode === "navigate"`, `cache.match("/")`, `startsWith("/api/")`, `"/web/app.wasm"`} {
		if !strings.Contains(string(js), want) {
			t.Errorf("app-worker.js lacks %s:\n%s", want, js)
		}
	}
}
