package app

import (
	"net/url"
	"strconv"
	"strings"
	"time"

	"coffre/engine/account"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// contentsLimit is the entries of a folder shown at a time: a folder of 10 000 entries is read
// a page at a time, never whole.
const contentsLimit = 100

// treeItem is one path of a backup's tree, as the API sends it.
type treeItem struct {
	Name   string `json:"name"`
	Path   string `json:"path"` // domain/rel
	Kind   string `json:"kind"` // dir, file, symlink
	Size   int64  `json:"size"`
	MTime  int64  `json:"mtime"`
	Link   string `json:"link,omitempty"`
	Holder string `json:"holder,omitempty"`
	Count  int    `json:"count,omitempty"`
}

// treePage is a page of a folder of a backup, with what the backup holds.
type treePage struct {
	Backup        string     `json:"backup"`
	Created       time.Time  `json:"created"`
	Type          string     `json:"type"`
	Subscriptions []string   `json:"subscriptions"`
	Captured      *captured  `json:"captured,omitempty"`
	Path          string     `json:"path"`
	Total         int        `json:"total"`
	Offset        int        `json:"offset"`
	Items         []treeItem `json:"items"`
}

type treeFound struct {
	Items []treeItem `json:"items"`
	More  bool       `json:"more"`
}

type pathVersion struct {
	Holder  string    `json:"holder"`
	Created time.Time `json:"created"`
	Kind    string    `json:"kind"`
	Size    int64     `json:"size"`
	MTime   int64     `json:"mtime"`
	Backups []string  `json:"backups"`
}

// contentsPage shows what a backup holds: its subscriptions, databases and mailboxes, and its
// webspace tree as of that backup, a folder at a time, paged, with a search by name and, for a
// chosen path, the backups that hold another version of it. Ticked files and folders go to the
// restore page as ?path= (repeated).
type contentsPage struct {
	app.Compo
	customerBase
	name, storage, path, query, versionsOf string
	offset                                 int
	tree                                   remote[treePage]
	found                                  remote[treeFound]
	versions                               remote[[]pathVersion]
	selected                               []string
	watching                               string
	given                                  string // the password that opens a protected backup
}

func (p *contentsPage) OnNav(ctx app.Context) {
	p.navCustomer(ctx, "contents.title")
	q := ctx.Page().URL().Query()
	backup, storage := q.Get("backup"), q.Get("storage")
	if storage == "" {
		storage = "server"
	}
	if backup != p.name || storage != p.storage {
		p.selected = nil
	}
	p.name, p.storage, p.path, p.query = backup, storage, strings.Trim(q.Get("path"), "/"), q.Get("q")
	p.versionsOf = q.Get("versions")
	p.offset, _ = strconv.Atoi(q.Get("offset"))
	if app.IsServer || p.login == "" || p.name == "" {
		return
	}
	p.observe(ctx)
	p.rememberedPassword(ctx)
	ctx.NewActionWithValue(actionLoadTree, p.treeRequest())
	if p.query != "" {
		ctx.NewActionWithValue(actionSearchTree, p.treeRequest())
	}
	if p.versionsOf != "" {
		ctx.NewActionWithValue(actionLoadVersions, p.treeRequest())
	}
}

func (p *contentsPage) observe(ctx app.Context) {
	key := p.login + "/" + p.storage + "/" + p.name
	if p.watching == key {
		return
	}
	p.watching = key
	p.tree, p.found, p.versions = remote[treePage]{}, remote[treeFound]{}, remote[[]pathVersion]{}
	while := func() bool { return p.watching == key }
	ctx.ObserveState(stateTree(key)).While(while).Value(&p.tree)
	ctx.ObserveState(stateTreeSearch(key)).While(while).Value(&p.found)
	ctx.ObserveState(stateVersions(key)).While(while).Value(&p.versions)
}

func (p *contentsPage) treeRequest() treeRequest {
	return treeRequest{Login: p.login, Backup: p.name, Storage: p.storage, Path: p.path, Offset: p.offset,
		Query: p.query, VersionsOf: p.versionsOf, Password: p.given}
}

// here is the page's address with some of its parameters changed.
func (p *contentsPage) here(path string, offset int, query, versionsOf string) string {
	v := url.Values{"backup": {p.name}, "storage": {p.storage}}
	if path != "" {
		v.Set("path", path)
	}
	if offset > 0 {
		v.Set("offset", strconv.Itoa(offset))
	}
	if query != "" {
		v.Set("q", query)
	}
	if versionsOf != "" {
		v.Set("versions", versionsOf)
	}
	return customerPath(p.login, "/contents") + "?" + v.Encode()
}

// restoreHref is the restore page for the backup with the ticked paths.
func (p *contentsPage) restoreHref() string {
	h := restorePath(p.login, p.name, p.storage)
	for _, s := range p.selected {
		h += "&path=" + url.QueryEscape(s)
	}
	return h
}

func (p *contentsPage) isSelected(path string) bool {
	for _, s := range p.selected {
		if s == path {
			return true
		}
	}
	return false
}

func (p *contentsPage) toggle(path string) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		on := ctx.JSSrc().Get("checked").Bool()
		out := p.selected[:0:0]
		for _, s := range p.selected {
			if s != path {
				out = append(out, s)
			}
		}
		if on {
			out = append(out, path)
		}
		p.selected = out
	}
}

func (p *contentsPage) onSearch(ctx app.Context, e app.Event) {
	e.PreventDefault()
	q := ctx.JSSrc().Call("querySelector", "#contents-q").Get("value").String()
	ctx.Navigate(p.here(p.path, p.offset, strings.TrimSpace(q), ""))
}

func (p *contentsPage) onRetry(ctx app.Context, e app.Event) {
	ctx.NewActionWithValue(actionLoadTree, p.treeRequest())
}

func (p *contentsPage) Render() app.UI {
	return p.render("backups", "contents.title", func(a account.Account) []app.UI {
		back := app.P().Body(app.A().ID("contents-back").Href(customerPath(p.login, "/backups")).Text(p.t("ftp.back")))
		if w := p.passwordForm(); w != nil {
			return []app.UI{back, w}
		}
		if w := p.pending(p.tree.Status, p.tree.Err, p.onRetry); w != nil {
			return []app.UI{back, w}
		}
		return []app.UI{back, p.summary(), p.downloadBar(), p.searchForm(), p.selectionBar(), p.searchResults(), p.versionsView(), p.folder()}
	})
}
