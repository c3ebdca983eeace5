package api

import (
	"crypto/ed25519"
	"crypto/rand"
	"net/netip"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"coffre/engine/account"
	"coffre/engine/manifest"
	"coffre/engine/storage/ftp"
	"coffre/engine/storage/ftp/ftptest"
	"coffre/server/ftpset"
	"coffre/server/jobs"
	"coffre/server/tasks"
)

const ftpSecret = "ftp-Secret-9913"

func ftpForm(cfg ftp.Config, password string) string {
	return `{"host":"` + cfg.Host + `","port":` + strconv.Itoa(cfg.Port) + `,"user":"` + cfg.User +
		`","password":"` + password + `","dir":"bk","tls":"` + string(cfg.TLS) + `"}`
}

// A client sets its FTP storage, tests it (the self-signed certificate's fingerprint shown,
// then accepted), backs up to it with volumes and sees the backup listed with its storage; the
// password never comes back, nor shows in the store, the log or the task.
func TestFTPStorageThroughTheAPI(t *testing.T) {
	s := newSite(t)
	noise := make([]byte, 3<<20) // incompressible: three volumes of 1 MiB
	rand.Read(noise)
	s.fill("acme", map[string]string{"httpdocs/index.php": "<?php echo 1;", "httpdocs/video.bin": string(noise)})
	srv := ftptest.NewServer(t, ftptest.Options{User: "acme", Pass: ftpSecret, TLS: ftp.TLSExplicit})
	acme := s.login("acme")
	if r := s.do("GET", "/api/clients/acme/ftp", "", acme); r.status != 200 || !strings.Contains(r.body, `"configured":false`) {
		t.Fatalf("no settings yet: %d %s", r.status, r.body)
	}
	bad := strings.Replace(ftpForm(srv.Config, ftpSecret), `"user":"acme"`, `"user":"acme\r\nDELE x"`, 1)
	if r := s.do("PUT", "/api/clients/acme/ftp", bad, acme); r.status != 400 || !strings.Contains(r.body, "ftp_line_break") {
		t.Errorf("a CR LF in the login: %d %s", r.status, r.body)
	}
	saved := s.do("PUT", "/api/clients/acme/ftp", ftpForm(srv.Config, ftpSecret), acme)
	// The server is on loopback: refused, before any connection, until the administrator
	// allows that network.
	test := s.do("POST", "/api/clients/acme/ftp/test", ftpForm(srv.Config, ""), acme)
	if v := decodeAs[ftpTestView](t, test); v.OK || len(v.Steps) != 1 || v.Steps[0].Code != "ftp_address_refused" ||
		len(v.Steps[0].Args) != 1 || v.Steps[0].Args[0] != "127.0.0.1" || srv.Connections() != 0 {
		t.Fatalf("a test on loopback before it is allowed: %s (%d connections)", test.body, srv.Connections())
	}
	s.allowLoopbackFTP()
	test = s.do("POST", "/api/clients/acme/ftp/test", ftpForm(srv.Config, ""), acme)
	v := decodeAs[ftpTestView](t, test)
	if v.OK || v.Trusted || v.Fingerprint != srv.Cert.Fingerprint || v.Steps[len(v.Steps)-1].Step != "tls" {
		t.Fatalf("first test of a self-signed server: %s", test.body)
	}
	accept := strings.Replace(ftpForm(srv.Config, ""), `"tls"`, `"fingerprint":"`+v.Fingerprint+`","tls"`, 1)
	again := s.do("PUT", "/api/clients/acme/ftp", accept, acme)
	test = s.do("POST", "/api/clients/acme/ftp/test", accept, acme)
	if v := decodeAs[ftpTestView](t, test); !v.OK || !v.Trusted || len(v.Steps) != 8 {
		t.Fatalf("test once accepted: %s", test.body)
	}
	r := s.do("POST", "/api/clients/acme/backups", `{"scope":"account","files":true,"storage":"ftp","splitMB":1}`, acme)
	queued := decodeAs[tasks.Task](t, r)
	done, err := s.runner.Wait(t.Context(), queued.ID)
	if err != nil || done.Status != tasks.Done {
		t.Fatalf("backup to FTP: %+v %v", done, err)
	}
	list := decodeAs[[]jobs.Listed](t, s.do("GET", "/api/clients/acme/backups?storage=ftp", "", acme))
	if len(list) != 1 || list[0].Storage != "ftp" || len(list[0].Volumes) < 2 || list[0].Signature.Signer != manifest.SignedByHost {
		t.Fatalf("FTP backups: %+v", list)
	}
	if all := decodeAs[[]jobs.Listed](t, s.do("GET", "/api/clients/acme/backups", "", acme)); len(all) != 1 || all[0].Storage != "ftp" {
		t.Errorf("every storage: %+v", all)
	}
	for _, v := range list[0].Volumes {
		if fi, err := srv.Fs.Stat("/bk/" + v.Name); err != nil || fi.Size() != v.Size {
			t.Errorf("volume %s on the server: %v", v.Name, err)
		}
	}
	task := s.do("GET", "/api/tasks/"+queued.ID, "", acme)
	db, _ := os.ReadFile(filepath.Join(s.st.Dir(), "coffre.db"))
	for where, text := range map[string]string{"PUT": saved.body + again.body, "test": test.body, "task": task.body,
		"store": string(db), "log": s.logs.String(), "GET": s.do("GET", "/api/clients/acme/ftp", "", acme).body,
		"account": s.do("GET", "/api/clients/acme", "", acme).body} {
		if strings.Contains(text, ftpSecret) {
			t.Errorf("the FTP password shows in the %s", where)
		}
	}
	if !strings.Contains(saved.body, `"hasPassword":true`) {
		t.Errorf("PUT: %s", saved.body)
	}
}

// Without the FTP right, every FTP route refuses the client and the administrator alike.
func TestFTPRoutesNeedTheRight(t *testing.T) {
	s := newSite(t)
	s.st.SetRights("bob", account.Rights{ServerStorage: true, Restore: true})
	form := `{"host":"127.0.0.1","port":21,"user":"bob","tls":"none"}`
	for _, who := range []string{"bob", "admin"} {
		c := s.login(who)
		for _, rt := range []struct{ method, path, body string }{
			{"GET", "/api/clients/bob/ftp", ""}, {"PUT", "/api/clients/bob/ftp", form}, {"POST", "/api/clients/bob/ftp/test", form},
			{"POST", "/api/clients/bob/backups", `{"scope":"account","files":true,"storage":"ftp"}`},
			{"POST", "/api/clients/bob/restores", `{"backup":"bob_2026-11-25T093000Z_full","storage":"ftp"}`},
		} {
			r := s.do(rt.method, rt.path, rt.body, c)
			if r.status != 403 || !strings.Contains(r.body, "right_ftp_storage") {
				t.Errorf("%s %s %s: %d %s", who, rt.method, rt.path, r.status, r.body)
			}
		}
	}
	// Trusting another host's key, recreating subscriptions, restoring elsewhere: administrator only.
	acme := s.login("acme")
	for _, body := range []string{`"trustKey":"SHA256:` + strings.Repeat("A", 43) + `"`, `"recreate":true`,
		`"rootBase":"/srv/vhosts"`, `"to":"/tmp/x"`} {
		r := s.do("POST", "/api/clients/acme/restores", `{"backup":"acme_2026-11-25T093000Z_full","storage":"server",`+body+`}`, acme)
		if r.status != 403 || !strings.Contains(r.body, "right_trust") {
			t.Errorf("acme restores with %s: %d %s", body, r.status, r.body)
		}
	}
}

// A manifest that a client plants in its storage, signed by a key of its own, is listed as
// signed by another host and never restored by the client.
func TestClientNeverRestoresAnUntrustedBackup(t *testing.T) {
	s := newSite(t)
	s.fill("acme", map[string]string{"httpdocs/index.php": "<?php echo 1;"})
	acme := s.login("acme")
	queued := decodeAs[tasks.Task](t, s.do("POST", "/api/clients/acme/backups", fullBackup, acme))
	if done, err := s.runner.Wait(t.Context(), queued.ID); err != nil || done.Status != tasks.Done {
		t.Fatalf("backup: %+v %v", done, err)
	}
	list := decodeAs[[]jobs.Listed](t, s.do("GET", "/api/clients/acme/backups", "", acme))
	path := filepath.Join(s.st.Dir(), jobs.StorageDir, "acme", manifest.ManifestName(list[0].Name))
	data, _ := os.ReadFile(path)
	m, _ := manifest.Parse(data)
	_, planted, _ := ed25519.GenerateKey(nil)
	resigned, _ := manifest.Sign(m, planted)
	os.WriteFile(path, resigned, 0o600)
	list = decodeAs[[]jobs.Listed](t, s.do("GET", "/api/clients/acme/backups", "", acme))
	if list[0].Signature.Signer != manifest.SignedByOther {
		t.Fatalf("a planted manifest is listed as %+v", list[0].Signature)
	}
	body := `{"backup":"` + list[0].Name + `","storage":"server"}`
	r := s.do("POST", "/api/clients/acme/restores", body, acme)
	task := decodeAs[tasks.Task](t, r)
	done, err := s.runner.Wait(t.Context(), task.ID)
	if err != nil || done.Status != tasks.Failed || !strings.Contains(done.Error, "signed by another host") {
		t.Errorf("the client's restore of a planted backup: %d %+v %v", r.status, done, err)
	}
	withKey := `{"backup":"` + list[0].Name + `","storage":"server","trustKey":"` + list[0].Signature.Fingerprint + `"}`
	if r := s.do("POST", "/api/clients/acme/restores", withKey, acme); r.status != 403 {
		t.Errorf("the client confirms the key itself: %d %s", r.status, r.body)
	}
}

// allowLoopbackFTP lets the personal FTP storages reach the test servers on loopback, as
// `coffre ftp networks --allow 127.0.0.0/8` does.
func (s *site) allowLoopbackFTP() {
	s.t.Helper()
	if err := ftpset.SaveNetworks(s.st, ftpset.Networks{Allow: []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8")}}); err != nil {
		s.t.Fatal(err)
	}
}
