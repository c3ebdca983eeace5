package app

import (
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// summary says which backup this is and what it holds besides files.
func (p *contentsPage) summary() app.UI {
	d := p.tree.Data
	e := backupEntry{Name: d.Backup, Created: d.Created, Type: d.Type, Subscriptions: d.Subscriptions, Captured: d.Captured}
	return app.Dl().Class("facts card").ID("contents-summary").Body(
		fact(p.t("col.name"), app.Code().ID("contents-name").Text(d.Backup)),
		fact(p.t("col.date"), timeUI(p.lang, d.Created)),
		fact(p.t("col.storage"), app.Text(storageName(&p.frame, p.storage))),
		fact(p.t("col.holds"), holdsUI(&p.frame, e)),
	)
}

func (p *contentsPage) searchForm() app.UI {
	return app.Form().Class("contents-search").Role("search").OnSubmit(p.onSearch).Body(
		app.Label().For("contents-q").Text(p.t("contents.search")),
		inputValue(app.Input().Type("search").ID("contents-q").Spellcheck(false).MaxLength(255).
			Placeholder(p.t("contents.search.placeholder")), p.query),
		app.Button().Type("submit").Class("btn").ID("contents-search-submit").Text(p.t("contents.search.submit")),
	)
}

// selectionBar counts the ticked paths and leads to the restore page with them.
func (p *contentsPage) selectionBar() app.UI {
	if len(p.selected) == 0 {
		return app.P().Class("muted").ID("contents-selection").Text(p.t("contents.selection.none"))
	}
	return app.Div().Class("selection-bar").ID("contents-selection").Body(
		app.Span().Text(p.t("contents.selection", strconv.Itoa(len(p.selected)))),
		app.A().Class("btn btn-primary").ID("contents-restore").Href(p.restoreHref()).Text(p.t("contents.restore")),
	)
}

// breadcrumb links each folder above the one shown.
func (p *contentsPage) breadcrumb() app.UI {
	items := []app.UI{app.Li().Body(app.A().Href(p.here("", 0, p.query, "")).Text(p.t("contents.top")))}
	if p.path != "" {
		parts := strings.Split(p.path, "/")
		for i, name := range parts {
			items = append(items, app.Li().Body(app.A().Href(p.here(strings.Join(parts[:i+1], "/"), 0, p.query, "")).Text(name)))
		}
	}
	return app.Nav().Aria("label", p.t("contents.where")).Body(app.Ol().Class("breadcrumb").ID("contents-breadcrumb").Body(items...))
}

// folder lists a page of the folder shown.
func (p *contentsPage) folder() app.UI {
	d := p.tree.Data
	if d.Path != p.path || d.Offset != min(p.offset, d.Total) {
		return app.P().Class("loading").Aria("busy", "true").Role("status").Text(p.t("loading"))
	}
	if d.Total == 0 {
		return app.Section().Body(p.breadcrumb(), emptyState("archive", p.t("contents.empty"), p.t("contents.empty.text")))
	}
	return app.Section().Aria("labelledby", "contents-folder").Body(
		app.H2().ID("contents-folder").Text(p.t("contents.folder")),
		p.breadcrumb(),
		p.itemTable(p.t("contents.folder"), d.Items),
		p.pager(d),
	)
}

func (p *contentsPage) pager(d treePage) app.UI {
	if d.Total <= contentsLimit {
		return nil
	}
	var prev, next app.UI
	if d.Offset > 0 {
		prev = app.A().Class("btn").ID("contents-prev").Href(p.here(p.path, max(d.Offset-contentsLimit, 0), p.query, "")).Text(p.t("contents.prev"))
	}
	if d.Offset+len(d.Items) < d.Total {
		next = app.A().Class("btn").ID("contents-next").Href(p.here(p.path, d.Offset+contentsLimit, p.query, "")).Text(p.t("contents.next"))
	}
	shown := p.t("contents.range", strconv.Itoa(d.Offset+1), strconv.Itoa(d.Offset+len(d.Items)), strconv.Itoa(d.Total))
	return app.Div().Class("pager").Body(prev, app.Span().ID("contents-range").Text(shown), next)
}

func (p *contentsPage) itemTable(caption string, items []treeItem) app.UI {
	cols := []column{{label: p.t("contents.pick")}, {label: p.t("col.name"), class: "primary"},
		{label: p.t("col.size"), class: "num"}, {label: p.t("contents.modified")}, {label: p.t("col.actions")}}
	rows := make([][]app.UI, len(items))
	for i, it := range items {
		rows[i] = []app.UI{p.pick(it), p.nameCell(it), p.sizeCell(it),
			timeUI(p.lang, time.Unix(it.MTime, 0)),
			app.A().Class("versions-link").Href(p.here(p.path, p.offset, p.query, it.Path)).Text(p.t("contents.versions"))}
	}
	return app.Div().Class("contents-list").Body(table(caption, cols, rows))
}

func (p *contentsPage) pick(it treeItem) app.UI {
	return app.Input().Type("checkbox").Class("pick").Value(it.Path).Checked(p.isSelected(it.Path)).
		Aria("label", p.t("contents.pick.one", it.Path)).OnChange(p.toggle(it.Path))
}

func (p *contentsPage) nameCell(it treeItem) app.UI {
	switch it.Kind {
	case "dir":
		return app.A().Class("folder-link").Href(p.here(it.Path, 0, p.query, "")).Body(icon("archive"), app.Span().Text(it.Name))
	case "symlink":
		return app.Span().Body(app.Text(it.Name+" → "), app.Code().Text(it.Link))
	}
	return app.Span().Class("file-name").Text(it.Name)
}

func (p *contentsPage) sizeCell(it treeItem) app.UI {
	if it.Kind == "dir" {
		return app.Text(p.t("contents.entries", formatCount(p.lang, int64(it.Count))))
	}
	if it.Kind == "symlink" {
		return app.Text("—")
	}
	return app.Text(formatBytes(p.lang, it.Size))
}

// searchResults lists the paths whose name matches the search.
func (p *contentsPage) searchResults() app.UI {
	if p.query == "" {
		return nil
	}
	if w := p.pending(p.found.Status, p.found.Err, nil); w != nil {
		return w
	}
	f := p.found.Data
	title := app.H2().ID("contents-found").Text(p.t("contents.found", p.query))
	if len(f.Items) == 0 {
		return app.Section().Body(title, app.P().Class("muted").ID("contents-found-none").Text(p.t("contents.found.none")))
	}
	var more app.UI
	if f.More {
		more = app.P().Class("muted").ID("contents-found-more").Text(p.t("contents.found.more", strconv.Itoa(len(f.Items))))
	}
	return app.Section().Aria("labelledby", "contents-found").Body(title, more, p.itemTable(p.t("contents.found", p.query), withParents(f.Items)))
}

// withParents shows search results by their full path.
func withParents(items []treeItem) []treeItem {
	out := make([]treeItem, len(items))
	for i, it := range items {
		it.Name = it.Path
		out[i] = it
	}
	return out
}

// versionsView lists the backups holding another version of the chosen path.
func (p *contentsPage) versionsView() app.UI {
	if p.versionsOf == "" {
		return nil
	}
	if w := p.pending(p.versions.Status, p.versions.Err, nil); w != nil {
		return w
	}
	cols := []column{{label: p.t("col.date"), class: "primary"}, {label: p.t("col.size"), class: "num"},
		{label: p.t("contents.modified")}, {label: p.t("contents.inBackups")}, {label: p.t("col.actions")}}
	rows := make([][]app.UI, len(p.versions.Data))
	for i, v := range p.versions.Data {
		open := customerPath(p.login, "/contents") + "?backup=" + urlQuery(v.Holder) + "&storage=" + urlQuery(p.storage) +
			"&path=" + urlQuery(parentOf(p.versionsOf))
		rows[i] = []app.UI{timeUI(p.lang, v.Created), app.Text(formatBytes(p.lang, v.Size)),
			timeUI(p.lang, time.Unix(v.MTime, 0)), app.Text(formatCount(p.lang, int64(len(v.Backups)))),
			app.A().Class("version-open").Href(open).Text(p.t("contents.version.open"))}
	}
	title := p.t("contents.versionsOf", p.versionsOf)
	return app.Section().ID("contents-versions").Aria("labelledby", "contents-versions-title").Body(
		app.H2().ID("contents-versions-title").Text(title),
		table(title, cols, rows),
	)
}

func parentOf(path string) string {
	if i := strings.LastIndexByte(path, '/'); i >= 0 {
		return path[:i]
	}
	return ""
}

func urlQuery(s string) string { return url.QueryEscape(s) }
