package app

import (
	"net/url"
	"strconv"
	"strings"

	"coffre/engine/spec"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// downloadPath is the API path that downloads a backup's object (a volume, the index, the
// manifest), or the whole archive when object is "".
func downloadPath(e backupEntry, object string) string {
	p := backupPath(backupRef{Login: e.Client, Storage: e.storage(), Name: e.Name}) + "/download"
	if object != "" {
		p += "/" + url.PathEscape(object)
	}
	return p
}

// manageCell is a backup row's actions: Contents, Restore, Download, Verify and Delete, and the
// list of its files, each downloadable alone.
func manageCell(f *frame, e backupEntry) app.UI {
	ref := backupRef{Login: e.Client, Storage: e.storage(), Name: e.Name}
	files := []app.UI{}
	for _, v := range e.Volumes {
		files = append(files, fileLink(f, e, v.Name, v.Size))
	}
	files = append(files, fileLink(f, e, e.Name+".index.zst"+sealedSuffix(e), -1), fileLink(f, e, e.Name+".manifest.json", -1))
	if e.Protected {
		files = append(files, fileLink(f, e, e.Name+".details.json.age", -1))
	}
	return app.Div().Class("manage-cell").Body(verifiedCell(f, e), app.Div().Class("manage-actions").Body(
		app.A().Class("btn btn-small contents-link").Href(contentsPath(e.Client, e.Name, e.storage())).Text(f.t("contents.action")),
		app.A().Class("btn btn-small restore-link").Href(restorePath(e.Client, e.Name, e.storage())).Text(f.t("restore.action")),
		downloadAction(f, e),
		app.Button().Type("button").Class("btn btn-small verify-button").ID("verify-"+e.Name).
			OnClick(func(ctx app.Context, _ app.Event) { verifyProtected(ctx, e, ref) }).
			Text(f.t("manage.verify")),
		keepButton(f, e, ref),
		app.Button().Type("button").Class("btn btn-small delete-button").ID("delete-"+e.Name).
			OnClick(func(ctx app.Context, _ app.Event) { ctx.NewActionWithValue(actionAskDelete, ref) }).
			Text(f.t("manage.delete")),
		app.Details().Class("backup-files").Body(
			app.Summary().Text(f.t("manage.files", strconv.Itoa(len(files)))),
			app.Ul().Class("paths").Body(files...),
		),
	))
}

func fileLink(f *frame, e backupEntry, name string, size int64) app.UI {
	a := app.A().Href(downloadPath(e, name)).Attr("download", name).Text(name)
	if size < 0 {
		return app.Li().Body(a)
	}
	return app.Li().Body(a, app.Span().Class("muted").Text(" "+formatBytes(f.lang, size)))
}

// manageBox is what the Backup Manager says about its rows' actions (the confirmation of a
// deletion, naming every backup it removes; what was deleted or uploaded; a refusal), and the
// form that uploads a backup.
type manageBox struct {
	app.Compo
	Login string
	Lang  string
	FTP   bool // the client may upload to its personal FTP storage too

	storage string // the upload's storage, "" for the server storage
	state   manageState
	watched string
}

func (m *manageBox) OnMount(ctx app.Context)  { m.observe(ctx) }
func (m *manageBox) OnUpdate(ctx app.Context) { m.observe(ctx) }

func (m *manageBox) observe(ctx app.Context) {
	if m.watched == m.Login || m.Login == "" {
		return
	}
	login := m.Login
	m.watched, m.state = login, manageState{}
	ctx.ObserveState(stateManage(login)).While(func() bool { return m.watched == login }).Value(&m.state)
}

func (m *manageBox) t(key string, args ...string) string { return tr(m.Lang, key, args...) }

func (m *manageBox) Render() app.UI {
	return app.Div().ID("manage").Body(m.status(), m.confirm(), m.uploadForm())
}

// status says what the last action did, or why it was refused.
func (m *manageBox) status() app.UI {
	s := m.state
	switch {
	case s.Err != nil:
		return app.Div().Class("alert").Role("alert").ID("manage-error").Body(icon("alert"),
			app.P().Text(problemText(m.Lang, s.Err.Problem)))
	case s.Busy != "" && s.Confirm == nil:
		return app.P().Class("note loading").ID("manage-busy").Text(m.t(busyKeys[s.Busy]))
	case len(s.Deleted) > 0:
		return app.P().Class("note saved").Role("status").ID("manage-deleted").Text(m.t("manage.deleted", strings.Join(s.Deleted, ", ")))
	case s.Uploaded != "":
		return app.P().Class("note saved").Role("status").ID("manage-uploaded").Text(m.t("manage.uploaded", s.Uploaded))
	}
	return nil
}

// confirm asks before a deletion, naming the backup and every later backup deleted with it.
func (m *manageBox) confirm() app.UI {
	d := m.state.Confirm
	if d == nil {
		return nil
	}
	names := make([]app.UI, 0, len(d.Dependents)+1)
	for _, n := range d.names() {
		names = append(names, app.Li().Body(app.Code().Text(n)))
	}
	text := m.t("manage.confirm.one", d.Ref.Name)
	if len(d.Dependents) > 0 {
		text = m.t("manage.confirm.chain", d.Ref.Name, strconv.Itoa(len(d.Dependents)))
	}
	busy := m.state.Busy == "delete"
	confirm := *d
	return app.Div().Class("card confirm-delete").Role("alertdialog").ID("delete-dialog").Aria("labelledby", "delete-title").Body(
		app.H2().ID("delete-title").Text(m.t("manage.confirm.title", strconv.Itoa(len(names)))),
		app.P().Text(text),
		app.Ul().Class("paths").ID("delete-names").Body(names...),
		app.Div().Class("form-buttons").Body(
			app.Button().Type("button").Class("btn btn-primary").ID("delete-confirm").Disabled(busy).
				OnClick(func(ctx app.Context, _ app.Event) { ctx.NewActionWithValue(actionDeleteBackup, confirm) }).
				Text(m.t("manage.confirm.delete", strconv.Itoa(len(names)))),
			app.Button().Type("button").Class("btn").ID("delete-cancel").Disabled(busy).
				OnClick(func(ctx app.Context, _ app.Event) { ctx.NewActionWithValue(actionCancelDelete, d.Ref.Login) }).
				Text(m.t("manage.confirm.cancel")),
		),
	)
}

// uploadForm uploads a backup made by Coffre (its manifest, index and volumes) to the server
// storage; the server checks every file against the manifest before the backup is listed.
func (m *manageBox) uploadForm() app.UI {
	busy := m.state.Busy == "upload"
	label := m.t("manage.upload")
	if busy {
		label = m.t("manage.busy.upload")
	}
	return app.Section().Class("card").Aria("labelledby", "upload-title").ID("upload").Body(
		app.H2().ID("upload-title").Text(m.t("manage.upload.title")),
		app.P().Class("help").ID("upload-help").Text(m.t("manage.upload.help")),
		app.Div().Class("field").Body(
			app.Label().For("upload-files").Text(m.t("manage.upload.files")),
			app.Input().Type("file").ID("upload-files").Multiple(true).Aria("describedby", "upload-help"),
		),
		m.storageChoice(),
		app.Div().Class("form-buttons").Body(
			app.Button().Type("button").Class("btn btn-primary").ID("upload-submit").Disabled(busy).
				OnClick(m.onUpload).Text(label),
		),
	)
}

// storageChoice lets a client with a personal FTP storage upload there instead.
func (m *manageBox) storageChoice() app.UI {
	if !m.FTP {
		return nil
	}
	return app.Div().Class("field").Body(
		app.Label().For("upload-storage").Text(m.t("col.storage")),
		app.Select().ID("upload-storage").OnChange(m.onStorage).Body(
			app.Option().Value(spec.StorageServer).Selected(m.storage != spec.StorageFTP).Text(m.t("right.serverStorage")),
			app.Option().Value(spec.StorageFTP).Selected(m.storage == spec.StorageFTP).Text(m.t("right.ftpStorage")),
		),
	)
}

func (m *manageBox) onStorage(ctx app.Context, e app.Event) {
	m.storage = ctx.JSSrc().Get("value").String()
}

func (m *manageBox) onUpload(ctx app.Context, _ app.Event) {
	storage := spec.StorageServer
	if m.FTP && m.storage == spec.StorageFTP {
		storage = spec.StorageFTP
	}
	ctx.NewActionWithValue(actionUpload, uploadRequest{Login: m.Login, Storage: storage, InputID: "upload-files"})
}

// busyKeys say what a running action does.
var busyKeys = map[string]string{"verify": "manage.busy.verify", "delete": "manage.busy.delete", "upload": "manage.busy.upload"}
