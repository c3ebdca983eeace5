package app

import (
	"coffre/engine/spec"
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// previewUI says what the restore of req would change, then offers Restore: only while the
// preview shown is of req (changing a choice asks for a new one).
func (p *restorePage) previewUI(e backupEntry, req spec.Restore, ok bool) app.UI {
	if !ok || !sameRequest(p.preview.Data.For, req) {
		return nil
	}
	switch p.preview.Status {
	case loading:
		return app.P().Class("loading").Text(p.t("restore.preview.busy"))
	case failed:
		return p.failureView(p.preview.Err, nil)
	case loaded:
	default:
		return nil
	}
	pv := p.preview.Data
	var safety app.UI
	if req.NoSafetyBackup {
		safety = app.P().Class("note").Body(icon("alert"), app.Span().Text(p.t("restore.confirm.noSafety")))
	} else if req.Into == "" {
		safety = app.P().Class("note").Body(icon("info"), app.Span().Text(p.t("restore.confirm.safety")))
	}
	var removal app.UI
	if pv.Existing != spec.ExistingOverwrite {
		removal = app.P().Class("help").Text(p.t("restore.confirm.noRemoval"))
	}
	return app.Section().Class("restore-confirm").ID("restore-confirm").Aria("labelledby", "restore-confirm-title").Body(
		app.H2().ID("restore-confirm-title").Text(p.t("restore.confirm.title")),
		app.P().ID("restore-confirm-target").Text(p.targetText(pv, req)),
		app.Ul().Class("restore-counts").Body(
			p.countLine("restore-count-replaced", "restore.confirm.replaced", pv.Replaced, pv.ReplacedPaths),
			p.countLine("restore-count-added", "restore.confirm.added", pv.Added, pv.AddedPaths),
			p.countLine("restore-count-removed", "restore.confirm.removed", pv.Removed, pv.RemovedPaths),
			p.keptLine(pv),
			app.Li().ID("restore-count-unchanged").Text(p.t("restore.confirm.unchanged", formatCount(p.lang, pv.Unchanged))),
			p.namesLine("restore.confirm.mailboxes", pv.Mailboxes),
			p.namesLine("restore.confirm.databases", pv.Databases),
		),
		removal, safety,
		p.submitUI(),
	)
}

// countLine is a count with the first paths of its kind (the subscription's domain first).
func (p *restorePage) countLine(id, key string, n int64, paths []string) app.UI {
	items := make([]app.UI, 0, len(paths)+1)
	for _, path := range paths {
		items = append(items, app.Li().Body(app.Code().Text(shownPath(path))))
	}
	if int64(len(paths)) < n {
		items = append(items, app.Li().Class("muted").Text(p.t("restore.confirm.more", formatCount(p.lang, n-int64(len(paths))))))
	}
	var list app.UI
	if len(items) > 0 {
		list = app.Ul().Class("paths").Body(items...)
	}
	return app.Li().ID(id).Body(app.Strong().Text(p.t(key, formatCount(p.lang, n))), list)
}

func (p *restorePage) namesLine(key string, names []string) app.UI {
	if len(names) == 0 {
		return nil
	}
	return app.Li().Text(p.t(key, joinNames(names)))
}

// targetText says where the restore writes.
func (p *restorePage) targetText(pv restorePreview, req spec.Restore) string {
	subs := joinNames(pv.Subscriptions)
	if req.Into != "" {
		return p.t("restore.confirm.into", req.Into, subs)
	}
	return p.t("restore.confirm.inPlace", subs)
}

// shownPath is an archive path as the panel shows it: "files/<domain>/rel" as "<domain>/rel".
func shownPath(p string) string {
	if len(p) > 6 && p[:6] == "files/" {
		return p[6:]
	}
	return p
}

func joinNames(names []string) string {
	if len(names) == 0 {
		return "—"
	}
	return strings.Join(names, ", ")
}

// keptLine counts the files the Existing mode keeps (none when overwriting).
func (p *restorePage) keptLine(pv restorePreview) app.UI {
	if pv.Existing == spec.ExistingOverwrite {
		return nil
	}
	return p.countLine("restore-count-kept", "restore.confirm.kept", pv.Kept, pv.KeptPaths)
}
