package app

import (
	"coffre/engine/account"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// actionSaveLang saves the language chosen with the EN/FR switch as the user's (value: "en" or
// "fr"); the server answers the session with it.
const actionSaveLang = "lang/save"

func registerLangActions() {
	app.Handle(actionSaveLang, func(ctx app.Context, a app.Action) {
		lang, ok := a.Value.(string)
		if !ok {
			return
		}
		var me account.Me
		if f := call(ctx, "PUT", "/api/me/lang", struct {
			Lang string `json:"lang"`
		}{lang}, &me); f == nil {
			ctx.SetState(stateMe, remote[account.Me]{Status: loaded, Data: me})
		}
	})
}

// useSavedLang makes the user's saved language the panel's: after login, the language of the
// client (or the one the administrator chose) wins over the browser's.
func useSavedLang(ctx app.Context, me account.Me) {
	if me.Lang != langEN && me.Lang != langFR {
		return
	}
	ctx.SetState(stateLang, me.Lang)
	ctx.LocalStorage().Set(langKey, me.Lang)
	setDocumentLang(me.Lang)
}

// loadMe asks for the session, and speaks its saved language once it is known.
func loadMe(ctx app.Context, a app.Action) {
	load[account.Me](ctx, stateMe, "/api/me")
	var me remote[account.Me]
	ctx.GetState(stateMe, &me)
	if me.Status == loaded {
		useSavedLang(ctx, me.Data)
	}
}
