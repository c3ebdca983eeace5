package ftpset

import (
	"bytes"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"testing"

	"coffre/engine/account"
	"coffre/engine/spec"
	"coffre/server/keys"
	"coffre/server/store"
)

const secret = "ftp-Pw-Never-In-Clear"

func setup(t *testing.T) (*store.Store, *keys.Keys) {
	t.Helper()
	st, err := store.Open(t.TempDir(), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, login := range []string{"acme", "bob"} {
		if _, err := st.AddClient(account.Client{Login: login, Name: login, Rights: account.AllRights}); err != nil {
			t.Fatal(err)
		}
	}
	k, err := keys.Load(st.Dir())
	if err != nil {
		t.Fatal(err)
	}
	return st, k
}

// The password is sealed in the store, bound to its client, kept when a form leaves it blank,
// and never printed or logged with the settings.
func TestSaveLoad(t *testing.T) {
	st, k := setup(t)
	f := spec.FTP{Host: "ftp.example.com", Port: 21, User: "acme", Password: secret, Dir: "bk", TLS: spec.FTPTLSExplicit,
		Fingerprint: "AB:" + string(bytes.Repeat([]byte("CD:"), 30)) + "EF"}
	if err := Save(st, k, "acme", f); err != nil {
		t.Fatal(err)
	}
	s, ok, err := Load(st, k, "acme")
	if err != nil || !ok || s.Password != secret || s.Fingerprint != spec.NormalFingerprint(f.Fingerprint) {
		t.Fatalf("load: %+v %v %v", s, ok, err)
	}
	f.Password, f.Dir = "", "other"
	if err := Save(st, k, "acme", f); err != nil {
		t.Fatal(err)
	}
	if s, _, _ := Load(st, k, "acme"); s.Password != secret || s.Dir != "other" {
		t.Errorf("a blank password did not keep the saved one: %+v", s)
	}
	c, _ := st.Client("acme")
	if c.FTP == nil || !c.FTP.HasPassword {
		t.Errorf("client record: %+v", c.FTP)
	}
	db, _ := os.ReadFile(filepath.Join(st.Dir(), store.FileName))
	var log bytes.Buffer
	slog.New(slog.NewTextHandler(&log, nil)).Info("x", "ftp", s)
	for where, text := range map[string]string{"store": string(db), "String": s.String(), "%#v": fmt.Sprintf("%#v", s),
		"%v": fmt.Sprintf("%v", s), "log": log.String()} {
		if bytes.Contains([]byte(text), []byte(secret)) {
			t.Errorf("the password shows in %s", where)
		}
	}
	// A sealed password moved to another client does not open.
	sealed, _ := st.FTPSecret("acme")
	Save(st, k, "bob", spec.FTP{Host: "h", Port: 21, User: "bob", TLS: spec.FTPTLSNone})
	st.SetFTP("bob", c.FTP, sealed)
	if _, _, err := Load(st, k, "bob"); err == nil {
		t.Error("acme's sealed password opened as bob's")
	}
	if err := Remove(st, "acme"); err != nil {
		t.Fatal(err)
	}
	if _, ok, _ := Load(st, k, "acme"); ok {
		t.Error("settings left after Remove")
	}
	var es spec.Errors
	if err := Save(st, k, "acme", spec.FTP{Host: "h\r\n", Port: 21, User: "u", TLS: "none"}); !errors.As(err, &es) {
		t.Errorf("a line break saved: %v", err)
	}
}

// A blank password keeps the saved one only for the same server: changing the host, port, user
// or TLS mode with a blank password is refused (save and test), so that the saved password
// never goes to another server or in clear.
func TestSavedPasswordStaysWithItsServer(t *testing.T) {
	st, k := setup(t)
	f := spec.FTP{Host: "ftp.example.com", Port: 21, User: "acme", Password: secret, TLS: spec.FTPTLSExplicit}
	if err := Save(st, k, "acme", f); err != nil {
		t.Fatal(err)
	}
	f.Password = ""
	for name, change := range map[string]func(*spec.FTP){
		"host": func(g *spec.FTP) { g.Host = "evil.example" }, "port": func(g *spec.FTP) { g.Port = 2121 },
		"user": func(g *spec.FTP) { g.User = "other" }, "tls": func(g *spec.FTP) { g.TLS = spec.FTPTLSNone },
	} {
		g := f
		change(&g)
		var es spec.Errors
		if err := Save(st, k, "acme", g); !errors.As(err, &es) || !es.Has("password", spec.CodeRequired) {
			t.Errorf("%s changed, blank password saved: %v", name, err)
		}
		if m, err := Merge(st, k, "acme", g); !errors.As(err, &es) || m.Password == secret {
			t.Errorf("%s changed, the test would send the saved password: %v", name, err)
		}
	}
	if s, _, _ := Load(st, k, "acme"); s.Host != "ftp.example.com" || s.Password != secret {
		t.Errorf("settings after the refusals: %v", s)
	}
	f.Host, f.Dir = "FTP.example.com", "kept"
	if err := Save(st, k, "acme", f); err != nil {
		t.Errorf("same server, blank password: %v", err)
	}
	if m, err := Merge(st, k, "acme", f); err != nil || m.Password != secret {
		t.Errorf("same server, the test lacks the saved password: %v", err)
	}
}
