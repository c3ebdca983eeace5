package manifest

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestSealedNames(t *testing.T) {
	n := "acme_2026-11-25T093000Z_full"
	for _, o := range []string{n + ".tar.zst.age", n + ".tar.zst.age.001", n + ".tar.zst.age.1000",
		n + ".index.zst.age", n + ".details.json.age"} {
		if b, ok := BackupOf(o); !ok || b != n {
			t.Errorf("BackupOf(%q) = %q, %v", o, b, ok)
		}
	}
	for _, o := range []string{n + ".tar.zst.age.1", n + ".tar.zst.age.x01", n + ".details.json", ".tar.zst.age", n + ".age"} {
		if b, ok := BackupOf(o); ok {
			t.Errorf("BackupOf(%q) = %q, want none", o, b)
		}
	}
	if got := SealedVolumeName(n, true, 1); got != n+".tar.zst.age.002" {
		t.Errorf("SealedVolumeName = %q", got)
	}
}

// Redacted keeps what the Backup Manager lists and drops every name.
func TestRedacted(t *testing.T) {
	m := Manifest{Name: "b", Subscriptions: []string{"shop.example"}, Captured: &Captured{Files: true, WebFiles: 3,
		DBs: []Database{{Name: "shopdb"}}, Mailboxes: []Mailbox{{Address: "claire"}}}}
	m.Spec.Exclude, m.Spec.Notify, m.Spec.Subscriptions, m.Spec.Comment = "/secret/", "a@b.c", []string{"shop.example"}, "label"
	r := Redacted(m)
	b, _ := json.Marshal(r)
	for _, s := range []string{"shop.example", "shopdb", "claire", "secret", "a@b.c"} {
		if strings.Contains(string(b), s) {
			t.Errorf("the redacted manifest holds %q: %s", s, b)
		}
	}
	if r.Captured.WebFiles != 3 || r.Spec.Comment != "label" || len(m.Captured.DBs) != 1 {
		t.Errorf("redacted too much, or changed the original: %+v %+v", r.Captured, m.Captured)
	}
}

// The full record a protected backup keeps encrypted is parsed as strictly as a manifest.
func FuzzParseRecord(f *testing.F) {
	f.Add([]byte(`{"format":1,"name":"b","client":"c","type":"full","created":"2026-01-01T00:00:00Z","spec":{},"subscriptions":[],"volumes":[{"name":"b.tar.zst","size":1,"sha256":"` + sha + `"}],"index":{"name":"b.index.zst","size":1,"sha256":"` + sha + `"},"files":0,"bytes":0,"entries":0,"warnings":0}`))
	f.Add([]byte(`{"protection":{}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := ParseRecord(data)
		if err == nil && (m.Protection != nil || m.validate() != nil) {
			t.Fatalf("accepted %q", data)
		}
	})
}

const sha = "0000000000000000000000000000000000000000000000000000000000000000"
