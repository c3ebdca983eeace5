package app

import "github.com/maxence-charriere/go-app/v9/pkg/app"

// commentCell is a backup's comment; a safety backup (made by a restore before it wrote) says
// so, with the backup that restore restored.
func commentCell(f *frame, e backupEntry) app.UI {
	if e.Spec.SafetyFor == "" {
		return orDash(e.Spec.Comment)
	}
	return app.Span().Class("safety-backup").Body(
		app.Span().Class("badge").Text(f.t("backups.safety")),
		app.Text(" "+f.t("backups.safety.for", e.Spec.SafetyFor)),
	)
}
