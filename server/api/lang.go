package api

import (
	"net/http"

	"coffre/engine/account"
	"coffre/server/auth"
	"coffre/server/store"
)

type langRequest struct {
	Lang string `json:"lang"`
}

// setLang saves the panel's language of the session's user: a client's is its own (the
// language of its mails too), the administrator's is kept with its login. It answers the
// session's account.Me, now with that language.
func (s *server) setLang(w http.ResponseWriter, r *http.Request, sess auth.Session) {
	var req langRequest
	if !decode(w, r, &req) {
		return
	}
	if err := store.ValidateLang(req.Lang); err != nil {
		s.writeError(w, r, err)
		return
	}
	var err error
	if sess.Role == store.RoleClient {
		err = s.Store.UpdateClient(sess.Client, func(c *account.Client) error { c.Lang = req.Lang; return nil })
	} else {
		err = s.setUserLang(sess.Login, req.Lang)
	}
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	s.me(w, r, sess)
}

// setUserLang keeps lang with the user's login, changing nothing else (its sessions stay).
func (s *server) setUserLang(login, lang string) error {
	u, err := s.Store.User(login)
	if err != nil {
		return err
	}
	u.Lang = lang
	return s.Store.PutUser(u)
}
