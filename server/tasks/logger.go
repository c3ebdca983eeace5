package tasks

import (
	"context"
	"log/slog"
	"maps"
	"strings"
)

// Logger returns a logger whose records of level Info and above become lines of the task's
// log, for the engine's Options.Log.
func (rp *Reporter) Logger() *slog.Logger { return slog.New(&logHandler{rp: rp}) }

type logHandler struct {
	rp     *Reporter
	prefix string // group names, each followed by "."
	attrs  string // preformatted " key=value" pairs
	args   map[string]string
}

func (h *logHandler) Enabled(_ context.Context, l slog.Level) bool { return l >= slog.LevelInfo }

func (h *logHandler) Handle(_ context.Context, rec slog.Record) error {
	var b strings.Builder
	b.WriteString(rec.Message)
	b.WriteString(h.attrs)
	args := maps.Clone(h.args)
	if args == nil {
		args = map[string]string{}
	}
	rec.Attrs(func(a slog.Attr) bool {
		writeAttr(&b, h.prefix, a)
		putAttr(args, h.prefix, a)
		return true
	})
	h.rp.Say(rec.Message, b.String(), flatten(args)...)
	return nil
}

func (h *logHandler) WithAttrs(attrs []slog.Attr) slog.Handler {
	var b strings.Builder
	b.WriteString(h.attrs)
	args := maps.Clone(h.args)
	if args == nil {
		args = map[string]string{}
	}
	for _, a := range attrs {
		writeAttr(&b, h.prefix, a)
		putAttr(args, h.prefix, a)
	}
	return &logHandler{rp: h.rp, prefix: h.prefix, attrs: b.String(), args: args}
}

func (h *logHandler) WithGroup(name string) slog.Handler {
	if name == "" {
		return h
	}
	return &logHandler{rp: h.rp, prefix: h.prefix + name + ".", attrs: h.attrs, args: h.args}
}

func writeAttr(b *strings.Builder, prefix string, a slog.Attr) {
	a.Value = a.Value.Resolve()
	if a.Equal(slog.Attr{}) {
		return
	}
	if a.Value.Kind() == slog.KindGroup {
		for _, g := range a.Value.Group() {
			writeAttr(b, prefix+a.Key+".", g)
		}
		return
	}
	b.WriteString(" " + prefix + a.Key + "=" + a.Value.String())
}

// putAttr records a as key-value pairs for the panel, which says the line in its language.
func putAttr(args map[string]string, prefix string, a slog.Attr) {
	a.Value = a.Value.Resolve()
	if a.Equal(slog.Attr{}) {
		return
	}
	if a.Value.Kind() == slog.KindGroup {
		for _, g := range a.Value.Group() {
			putAttr(args, prefix+a.Key+".", g)
		}
		return
	}
	args[prefix+a.Key] = a.Value.String()
}

func flatten(args map[string]string) []any {
	kv := make([]any, 0, 2*len(args))
	for k, v := range args {
		kv = append(kv, k, v)
	}
	return kv
}
