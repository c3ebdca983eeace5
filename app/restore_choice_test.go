package app

import (
	"reflect"
	"testing"

	"coffre/engine/spec"
)

// The restore page's choices become the request the server gets: the Contents page's paths
// split into subscriptions and webspace paths, a typed path prefixed with the only
// subscription, a folder of the webspace, and what keeps a choice from being a request.
func TestRestoreChoiceRequest(t *testing.T) {
	c := newRestoreChoice([]string{"acme.example/httpdocs/a.txt", "/acme.example/private/", "acme.example/httpdocs/a.txt"})
	c.typed = "httpdocs/b.txt"
	c.addTyped([]string{"acme.example"})
	c.dbs["acme.example/shop"], c.dbAs["acme.example/shop"] = true, " shop_copy "
	c.existing, c.safety, c.folder, c.into = spec.ExistingNewer, false, true, "/restored/today/"
	var r spec.Restore
	if key := c.fill(&r); key != "" {
		t.Fatalf("fill: %s", key)
	}
	want := spec.Restore{Subscriptions: []string{"acme.example"}, Paths: []string{"httpdocs/a.txt", "private", "httpdocs/b.txt"},
		Databases: []spec.DatabaseRestore{{Name: "shop", As: "shop_copy"}}, Existing: spec.ExistingNewer,
		NoSafetyBackup: true, Into: "restored/today"}
	if !reflect.DeepEqual(r, want) {
		t.Errorf("request %+v\nwant    %+v", r, want)
	}

	two := []string{"a.example", "b.example"}
	c = newRestoreChoice(nil)
	c.typed = "httpdocs"
	if c.addTyped(two); c.typedErr != "restore.path.domain" {
		t.Errorf("a path without its domain among two subscriptions: %q", c.typedErr)
	}
	c.everything = false
	for _, tt := range []struct {
		set  func(*restoreChoice)
		want string
	}{
		{func(*restoreChoice) {}, "restore.choose.none"},
		{func(c *restoreChoice) { c.subs["a.example"], c.mailboxes["m@a.example"] = true, true }, "restore.choose.mixed"},
		{func(c *restoreChoice) { c.mailboxes["m@a.example"] = false }, ""},
		{func(c *restoreChoice) { c.folder, c.into = true, " / " }, "restore.into.required"},
	} {
		tt.set(&c)
		if got := c.fill(&spec.Restore{}); got != tt.want {
			t.Errorf("fill: %q, want %q", got, tt.want)
		}
	}
}
