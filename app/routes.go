package app

import "github.com/maxence-charriere/go-app/v9/pkg/app"

// Routes registers every page of the panel and the actions that feed them. main calls it on both
// targets before running: the browser renders the pages, the server pre-renders them.
func Routes() {
	registerActions()
	app.RouteFunc("/", func() app.Composer { return &loginPage{} })
	app.RouteFunc("/login", func() app.Composer { return &loginPage{} })
	app.RouteFunc("/clients", func() app.Composer { return &clientsPage{} })
	app.RouteWithRegexpFunc(`^/clients/[^/]+$`, func() app.Composer { return &clientPage{} })
	app.RouteWithRegexpFunc(`^/customer/[^/]+$`, func() app.Composer { return &websitesPage{} })
	app.RouteWithRegexpFunc(`^/customer/[^/]+/account$`, func() app.Composer { return &accountPage{} })
	app.RouteWithRegexpFunc(`^/customer/[^/]+/backups$`, func() app.Composer { return &backupsPage{} })
	app.RouteWithRegexpFunc(`^/customer/[^/]+/backup$`, func() app.Composer { return &backupPage{} })
	app.RouteWithRegexpFunc(`^/customer/[^/]+/ftp$`, func() app.Composer { return &ftpPage{} })
	app.RouteWithRegexpFunc(`^/customer/[^/]+/restore$`, func() app.Composer { return &restorePage{} })
	app.RouteWithRegexpFunc(`^/customer/[^/]+/contents$`, func() app.Composer { return &contentsPage{} })
	app.RouteWithRegexpFunc(`^/customer/[^/]+/tasks/[^/]+$`, func() app.Composer { return &taskPage{} })
	app.RouteFunc("/tasks", func() app.Composer { return &tasksPage{} })
	app.RouteFunc("/settings", func() app.Composer { return &settingsPage{} })
	app.RouteWithRegexpFunc(`^/customer/[^/]+/schedule$`, func() app.Composer { return &schedulePage{} })
	app.RouteFunc("/schedules", func() app.Composer { return &schedulesPage{} })
	app.RouteFunc(newClientPath, func() app.Composer { return &clientFormPage{} })
	app.RouteWithRegexpFunc(`^/clients/[^/]+/edit$`, func() app.Composer { return &clientFormPage{} })
	app.RouteFunc(passwordPath, func() app.Composer { return &passwordPage{} })
}
