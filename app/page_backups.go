package app

import (
	"context"
	"time"

	"coffre/engine/account"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// listPollEvery is how often a list with a live task asks for the tasks again.
const listPollEvery = time.Second

// backupsPage is the Backup Manager: the Back Up buttons, the client's backups of both storages
// and its recent tasks, followed while one of them runs.
type backupsPage struct {
	app.Compo
	customerBase
	backups  remote[[]backupEntry]
	ftpList  remote[struct{}] // the FTP storage's listing: failed when it could not be read
	tasks    remote[[]task]
	watching string
	stop     context.CancelFunc
}

func (p *backupsPage) OnNav(ctx app.Context) {
	p.navCustomer(ctx, "nav.backups")
	if app.IsServer || p.login == "" {
		return
	}
	login := p.login
	if p.watching != login {
		p.watching = login
		p.backups, p.tasks, p.ftpList = remote[[]backupEntry]{}, remote[[]task]{}, remote[struct{}]{}
		while := func() bool { return p.watching == login }
		ctx.ObserveState(stateBackups(login)).While(while).Value(&p.backups)
		ctx.ObserveState(stateBackupsFTP(login)).While(while).Value(&p.ftpList)
		ctx.ObserveState(stateClientTasks(login)).While(while).Value(&p.tasks)
	}
	ctx.NewActionWithValue(actionLoadBackups, login)
	p.followTasks(ctx, login)
}

func (p *backupsPage) OnDismount() { p.stopFollowing() }

func (p *backupsPage) stopFollowing() {
	if p.stop != nil {
		p.stop()
		p.stop = nil
	}
}

// followTasks asks for the client's tasks until none is live; when a task that was live ends,
// the backups are asked for again, so a finished backup appears.
func (p *backupsPage) followTasks(ctx app.Context, login string) {
	p.stopFollowing()
	stop, cancel := context.WithCancel(ctx)
	p.stop = cancel
	live := map[string]bool{}
	done := func(ts []task) bool {
		now := liveTasks(ts)
		for id := range live {
			if !now[id] {
				ctx.NewActionWithValue(actionLoadBackups, login)
				break
			}
		}
		live = now
		return len(now) == 0
	}
	ctx.Async(func() { poll(ctx, stop, stateClientTasks(login), clientPath(login)+"/tasks", listPollEvery, done) })
}

// liveTasks is the set of the tasks that are queued or running.
func liveTasks(ts []task) map[string]bool {
	live := map[string]bool{}
	for _, t := range ts {
		if !t.Status.ended() {
			live[t.ID] = true
		}
	}
	return live
}

func (p *backupsPage) onRetryBackups(ctx app.Context, e app.Event) {
	ctx.NewActionWithValue(actionLoadBackups, p.login)
}

func (p *backupsPage) Render() app.UI {
	return p.render("backups", "nav.backups", func(a account.Account) []app.UI {
		return []app.UI{
			app.H2().Class("visually-hidden").Text(p.t("account.backup")), // the choices' cards have h3 titles
			app.Div().Class("toolbar").Body(choiceCards(&p.frame, p.login, backupChoices(a))),
			ftpTool(&p.frame, p.login),
			scheduleTool(&p.frame, p.login),
			app.Section().Aria("labelledby", "backups-title").Body(
				app.H2().ID("backups-title").Text(p.t("backups.list")),
				p.ftpFailure(),
				p.backupList(),
			),
			&passwordBox{Use: downloadUse, Login: p.login, Lang: p.lang},
			&passwordBox{Use: verifyUse, Login: p.login, Lang: p.lang},
			&manageBox{Login: p.login, Lang: p.lang, FTP: a.Client.FTP != nil && a.Client.Rights.FTPStorage},
			p.recentTasks(),
		}
	})
}

func (p *backupsPage) backupList() app.UI {
	if w := p.pending(p.backups.Status, p.backups.Err, p.onRetryBackups); w != nil {
		return w
	}
	if len(p.backups.Data) == 0 {
		return emptyState("archive", p.t("backups.empty.title"), p.t("backups.empty.text"))
	}
	return backupTable(&p.frame, p.backups.Data)
}

// recentTasks lists the client's tasks, the live ones with their progress.
func (p *backupsPage) recentTasks() app.UI {
	if p.tasks.Status != loaded || len(p.tasks.Data) == 0 {
		return nil
	}
	return app.Section().Aria("labelledby", "tasks-title").Body(
		app.H2().ID("tasks-title").Text(p.t("tasks.recent")),
		taskTable(&p.frame, p.tasks.Data, false),
	)
}

// ftpTool leads to Personal FTP Storage Settings.
func ftpTool(f *frame, login string) app.UI {
	return app.Div().Class("tools").Body(
		app.A().Class("tool").ID("ftp-settings-link").Href(customerPath(login, "/ftp")).Body(
			icon("archive"),
			app.Span().Class("tool-text").Body(
				app.Strong().Text(f.t("ftp.title")),
				app.Span().Class("muted").Text(f.t("ftp.link.help")),
			),
		),
	)
}

// ftpFailure says that the FTP storage could not be listed, with why.
func (p *backupsPage) ftpFailure() app.UI {
	if p.ftpList.Status != failed || p.ftpList.Err == nil {
		return nil
	}
	return app.Div().Class("alert").Role("alert").ID("ftp-list-failed").Body(
		icon("alert"), app.P().Body(app.Text(p.t("backups.ftpFailed")+" "), app.Code().Text(p.ftpList.Err.Problem.Error)),
	)
}
