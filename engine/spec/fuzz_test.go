package spec

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

// FuzzValidate: Validate never panics, every error carries a listed code and a message, and an
// accepted request holds nothing a mail header or a path could be abused with.
func FuzzValidate(f *testing.F) {
	f.Add("acme", "account", "server", "acme.example", "/httpdocs/cache, **/tmp", "before", "a@b.c", 100, true, true, false)
	f.Add("", "x", "ftp", "../etc", "../x\na\\tb", "a\r\nb", "a@b.c\r\nBcc: x@y.z", -1, false, false, true)
	f.Add("acme", "websites", "ftp", "café.fr", "**", strings.Repeat("é", 501), "<a@b.c>", 1<<21, true, false, true)
	f.Fuzz(func(t *testing.T, client, scope, storage, sub, exclude, comment, notify string, split int,
		files, mail, configOnly bool) {
		b := Backup{Client: client, Scope: Scope(scope), Storage: storage, Subscriptions: []string{sub},
			Files: files, Mail: mail, ConfigOnly: configOnly, SplitMB: split, Exclude: exclude,
			Comment: comment, Notify: notify, ExcludeLogs: files}
		err := b.Validate()
		checkErrors(t, err)
		r := Restore{Client: client, Backup: scope, Storage: storage, Subscriptions: []string{sub},
			Paths: []string{exclude}, To: comment}
		rerr := r.Validate()
		checkErrors(t, rerr)
		if err == nil && (strings.ContainsAny(notify, "\r\n<>,;\" ") || strings.ContainsAny(sub, "/\x00")) {
			t.Errorf("accepted notify %q, subscription %q", notify, sub)
		}
		if rerr == nil && (slices.Contains(strings.Split(exclude, "/"), "..") || strings.HasPrefix(exclude, "/")) {
			t.Errorf("accepted restore path %q", exclude)
		}
	})
}

func checkErrors(t *testing.T, err error) {
	t.Helper()
	if err == nil {
		return
	}
	var es Errors
	if !errors.As(err, &es) || len(es) == 0 {
		t.Fatalf("error %v is not a non-empty Errors", err)
	}
	for _, e := range es {
		if !slices.Contains(Codes, e.Code) || e.Field == "" || e.Message() == "" {
			t.Errorf("bad error %+v", e)
		}
	}
	_ = err.Error()
}
