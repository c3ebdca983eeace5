package api

import (
	"context"
	"log/slog"
	"net/http"
	"time"
)

type userKey struct{}

// setUser records the request's user for the access log.
func setUser(r *http.Request, login string) {
	if p, ok := r.Context().Value(userKey{}).(*string); ok {
		*p = login
	}
}

type statusWriter struct {
	http.ResponseWriter
	status int
	bytes  int64
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	n, err := w.ResponseWriter.Write(b)
	w.bytes += int64(n)
	return n, err
}

func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// AccessLog logs one line per request at DEBUG (a busy panel makes thousands): method, path (never the query, headers, cookies or
// body), status, bytes, duration, client address and the logged-in user if any.
func AccessLog(log *slog.Logger, now func() time.Time, h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := now()
		user := new(string)
		r = r.WithContext(context.WithValue(r.Context(), userKey{}, user))
		sw := &statusWriter{ResponseWriter: w}
		h.ServeHTTP(sw, r)
		if sw.status == 0 {
			sw.status = http.StatusOK
		}
		log.LogAttrs(r.Context(), slog.LevelDebug, "http",
			slog.String("method", r.Method), slog.String("path", r.URL.Path),
			slog.Int("status", sw.status), slog.Int64("bytes", sw.bytes),
			slog.Duration("dur", now().Sub(start)), slog.String("ip", clientIP(r)),
			slog.String("user", *user))
	})
}
