package app

import (
	"net/url"
	"strconv"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// Actions of the Contents page; their value is a treeRequest.
const (
	actionLoadTree     = "contents/tree"
	actionSearchTree   = "contents/search"
	actionLoadVersions = "contents/versions"
)

// treeRequest names a backup and what the Contents page shows of it.
type treeRequest struct {
	Login, Backup, Storage, Path, Query, VersionsOf string
	Offset                                          int
	Password                                        string // of a protected backup, sent in a header
}

func (r treeRequest) key() string { return r.Login + "/" + r.Storage + "/" + r.Backup }

func (r treeRequest) base() string {
	return clientPath(r.Login) + "/backups/" + url.PathEscape(r.Backup)
}

func stateTree(key string) string       { return "contents/tree/" + key }
func stateTreeSearch(key string) string { return "contents/search/" + key }
func stateVersions(key string) string   { return "contents/versions/" + key }

func registerContentsActions() {
	app.Handle(actionLoadTree, func(ctx app.Context, a app.Action) {
		if r, ok := a.Value.(treeRequest); ok {
			v := url.Values{"storage": {r.Storage}, "path": {r.Path}, "offset": {strconv.Itoa(r.Offset)},
				"limit": {strconv.Itoa(contentsLimit)}}
			fetchLocked[treePage](ctx, stateTree(r.key()), r.base()+"/tree?"+v.Encode(), r)
		}
	})
	app.Handle(actionSearchTree, func(ctx app.Context, a app.Action) {
		if r, ok := a.Value.(treeRequest); ok {
			v := url.Values{"storage": {r.Storage}, "q": {r.Query}, "limit": {"200"}}
			fetchLocked[treeFound](ctx, stateTreeSearch(r.key()), r.base()+"/search?"+v.Encode(), r)
		}
	})
	app.Handle(actionLoadVersions, func(ctx app.Context, a app.Action) {
		if r, ok := a.Value.(treeRequest); ok {
			v := url.Values{"storage": {r.Storage}, "path": {r.VersionsOf}}
			fetchLocked[[]pathVersion](ctx, stateVersions(r.key()), r.base()+"/versions?"+v.Encode(), r)
		}
	})
}

// contentsPath is the Contents page of backup name of storage.
func contentsPath(login, name, storage string) string {
	return customerPath(login, "/contents") + "?backup=" + url.QueryEscape(name) + "&storage=" + url.QueryEscape(storage)
}
