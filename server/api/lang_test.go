package api

import (
	"encoding/json"
	"testing"

	"coffre/engine/account"
)

// The language a user picks is saved: a client's on the client (its mails speak it too), the
// administrator's with its login; it comes back with the session, and the session stays.
func TestSetLang(t *testing.T) {
	s := newSite(t)
	for _, tt := range []struct{ login, before, after string }{{"acme", "fr", "en"}, {"admin", "", "fr"}} {
		cookie := s.login(tt.login)
		var me account.Me
		json.Unmarshal([]byte(s.do("GET", "/api/me", "", cookie).body), &me)
		if me.Lang != tt.before {
			t.Errorf("%s: saved language %q, want %q", tt.login, me.Lang, tt.before)
		}
		r := s.do("PUT", "/api/me/lang", `{"lang":"`+tt.after+`"}`, cookie)
		json.Unmarshal([]byte(r.body), &me)
		if r.status != 200 || me.Lang != tt.after {
			t.Errorf("%s: set %s: %d %s", tt.login, tt.after, r.status, r.body)
		}
		json.Unmarshal([]byte(s.do("GET", "/api/me", "", cookie).body), &me)
		if me.Lang != tt.after {
			t.Errorf("%s: after the change the session says %q, want %q", tt.login, me.Lang, tt.after)
		}
		if r := s.do("PUT", "/api/me/lang", `{"lang":"de"}`, cookie); r.status != 400 || problem(t, r).Code != "invalid_lang" {
			t.Errorf("%s: lang de: %d %s", tt.login, r.status, r.body)
		}
	}
	if c, _ := s.st.Client("acme"); c.Lang != "en" {
		t.Errorf("acme's language is %q after its change to en", c.Lang)
	}
	if r := s.do("PUT", "/api/me/lang", `{"lang":"fr"}`, nil); r.status != 401 {
		t.Errorf("without a session: %d", r.status)
	}
}
