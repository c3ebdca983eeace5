package app

import (
	"reflect"
	"strings"
	"testing"

	"coffre/engine/account"
	"coffre/engine/progress"
	"coffre/engine/spec"
)

var twoSubscriptions = func() account.Account {
	a := fullAccount
	a.Subscriptions = append(append([]account.Subscription(nil), a.Subscriptions...),
		account.Subscription{Domain: "shop.example", Client: "acme", Root: "/var/www/vhosts/shop.example"})
	return a
}()

// A client with two subscriptions chooses which to back up, as --subscription does; none
// chosen is a mistake the form names.
func TestTheFormChoosesSubscriptions(t *testing.T) {
	p := backupPageWith(langEN, twoSubscriptions, spec.ScopeAccount, nil, nil)
	html := render(t, p)
	mustContain(t, "subscriptions", section(t, html, `id="subscriptions"`, `</fieldset>`), "acme.example", "shop.example")
	mustHaveElement(t, "subscriptions", html, "input", "id", "sub-1", "checked", "*")
	if got := p.form.request(twoSubscriptions, spec.ScopeAccount).Subscriptions; got != nil {
		t.Errorf("all ticked: %v, want every subscription (none named)", got)
	}
	p.form.toggleLeftOut("acme.example", false)
	if got := p.form.request(twoSubscriptions, spec.ScopeAccount).Subscriptions; !reflect.DeepEqual(got, []string{"shop.example"}) {
		t.Errorf("acme.example left out: %v", got)
	}
	p.form.toggleLeftOut("shop.example", false)
	if c := p.form.check(twoSubscriptions, spec.ScopeAccount); len(c.fields["subscriptions"]) == 0 {
		t.Error("no subscription chosen, and the form does not say so")
	}
	if html := render(t, backupPageWith(langEN, fullAccount, spec.ScopeAccount, nil, nil)); strings.Contains(html, `id="subscriptions"`) {
		t.Error("a client with one subscription is asked which to back up")
	}
}

// Without mail settings the form says it before a notification is asked for: to the
// administrator, where to set it up; to a client, that there are none on this host.
func TestTheFormSaysNotificationsAreUnavailable(t *testing.T) {
	admin := backupPageWith(langEN, fullAccount, spec.ScopeAccount, nil, nil)
	admin.notify = remote[notifications]{Status: loaded}
	html := render(t, admin)
	mustHaveElement(t, "admin", html, "input", "id", "notify-on", "disabled", "*")
	mustContain(t, "admin", html, "Mail is not set up on this host yet")
	mustHaveElement(t, "admin", html, "a", "href", "/settings")

	client := backupPageWith(langFR, fullAccount, spec.ScopeAccount, nil, nil)
	client.me = remote[account.Me]{Status: loaded, Data: account.Me{Login: "acme", Role: "client", Client: "acme"}}
	client.notify = remote[notifications]{Status: loaded}
	html = render(t, client)
	mustContain(t, "client", html, "Les notifications ne sont pas disponibles sur cet hôte.")
	if strings.Contains(html, `href="/settings"`) {
		t.Error("a client is sent to Settings")
	}

	ok := backupPageWith(langEN, fullAccount, spec.ScopeAccount, nil, func(f *backupForm) { f.NotifyOn = true })
	ok.notify = remote[notifications]{Status: loaded, Data: notifications{Available: true}}
	html = render(t, ok)
	mustHaveElement(t, "address", html, "input", "id", "notify", "type", "email", "placeholder", "alice@acme.example")
}

// Back up again starts from the request of the backup it repeats.
func TestBackUpAgainCarriesTheRequest(t *testing.T) {
	b := spec.Backup{Client: "acme", Scope: spec.ScopeAccount, Subscriptions: []string{"shop.example"}, Files: true,
		Storage: "server", Incremental: true, SplitMB: 50, Comment: "nightly", ExcludeLogs: true, Exclude: "cache/",
		Notify: "ops@acme.example"}
	f := formOf(b, twoSubscriptions)
	if got := f.request(twoSubscriptions, spec.ScopeAccount); !reflect.DeepEqual(got, b) {
		t.Errorf("the form asks for\n%+v\nwant\n%+v", got, b)
	}
	tk := backupTask(taskFailed, progress.Rated{})
	html := render(t, taskPageWith(langEN, tk))
	mustHaveElement(t, "again", html, "a", "id", "backup-again", "href", "/customer/acme/backup?scope=account&from=7")
}
