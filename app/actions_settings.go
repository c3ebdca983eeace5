package app

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

func registerSettingsActions() {
	app.Handle(actionLoadSMTP, handleLoadSMTP)
	app.Handle(actionSaveSMTP, handleSaveSMTP)
	app.Handle(actionTestSMTP, handleTestSMTP)
	app.Handle(actionSetPassword, handleSetPassword)
	registerSpaceActions()
}

// handleLoadSMTP reads the mail settings; none saved yet (404) reads as an empty form.
func handleLoadSMTP(ctx app.Context, a app.Action) {
	ctx.SetState(stateSMTP, remote[smtpSettings]{Status: loading})
	var s smtpSettings
	if f := send(ctx, "GET", "/api/settings/smtp", nil, &s); f != nil && f.HTTPStatus != 404 {
		ctx.SetState(stateSMTP, remote[smtpSettings]{Status: failed, Err: f})
		return
	}
	ctx.SetState(stateSMTP, remote[smtpSettings]{Status: loaded, Data: s})
}

// handleSaveSMTP saves the mail settings; an empty password keeps the saved one.
func handleSaveSMTP(ctx app.Context, a app.Action) {
	s, ok := a.Value.(smtpSettings)
	if !ok {
		return
	}
	ctx.SetState(stateSMTPSave, remote[smtpSettings]{Status: loading, Data: s})
	var saved smtpSettings
	if f := send(ctx, "PUT", "/api/settings/smtp", s, &saved); f != nil {
		ctx.SetState(stateSMTPSave, remote[smtpSettings]{Status: failed, Err: f, Data: s})
		return
	}
	if saved.Host == "" { // the server answered without the settings: keep what was sent
		saved = s
		saved.HasPassword = s.Password != "" || s.HasPassword
	}
	saved.Password = ""
	ctx.SetState(stateSMTPSave, remote[smtpSettings]{Status: loaded, Data: saved})
	ctx.SetState(stateSMTP, remote[smtpSettings]{Status: loaded, Data: saved})
}

func handleTestSMTP(ctx app.Context, a app.Action) {
	to, ok := a.Value.(string)
	if !ok {
		return
	}
	ctx.SetState(stateSMTPTest, remote[string]{Status: loading, Data: to})
	if f := send(ctx, "POST", "/api/settings/smtp/test", map[string]string{"to": to}, nil); f != nil {
		ctx.SetState(stateSMTPTest, remote[string]{Status: failed, Err: f, Data: to})
		return
	}
	ctx.SetState(stateSMTPTest, remote[string]{Status: loaded, Data: to})
}

func handleSetPassword(ctx app.Context, a app.Action) {
	c, ok := a.Value.(passwordChange)
	if !ok || c.Login == "" {
		return
	}
	key := statePassword(c.Login)
	ctx.SetState(key, remote[struct{}]{Status: loading})
	if f := send(ctx, "PUT", clientPath(c.Login)+"/password", c, nil); f != nil {
		ctx.SetState(key, remote[struct{}]{Status: failed, Err: f})
		return
	}
	ctx.SetState(key, remote[struct{}]{Status: loaded})
}
