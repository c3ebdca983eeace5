package api

import (
	"bytes"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"strings"
	"testing"

	"github.com/spf13/afero"

	"coffre/engine/manifest"
	"coffre/engine/storage/ftp"
	"coffre/engine/storage/ftp/ftptest"
	"coffre/internal/archivetest"
	"coffre/server/jobs"
	"coffre/server/tasks"
)

// A protected backup downloads with its password as the plain archive (a .tar.zst holding the
// files, the bytes `age -d` gives from the stored volumes), posted as a form or with the
// header, and resumes with a range; its index too. A wrong password is a 422 before any byte;
// without a password the objects come as stored. check-password says whether a password opens
// the backup.
func TestDownloadAProtectedBackupWithItsPassword(t *testing.T) {
	s := newSite(t)
	big := randomBytes(2<<20 + 300<<10)
	s.fill("acme", map[string]string{"httpdocs/big.bin": big, "httpdocs/index.php": "<?php echo 1;"})
	const pw = "mot de passe d'été €"
	b := s.backUp("acme", `{"scope":"websites","files":true,"storage":"server","splitMB":1,"password":"`+pw+`"}`)
	if !b.Protected || len(b.Volumes) < 3 {
		t.Fatalf("want a protected backup of 3 volumes or more, got %+v", b)
	}
	acme := s.login("acme")
	plain := archivetest.AgeDecrypt(t, pw, s.storedBytes(t, volumeNames(b)...))
	if got := archivetest.TarFile(t, plain, "httpdocs/big.bin"); got != big {
		t.Fatalf("the decrypted archive holds %d bytes of big.bin, want %d", len(got), len(big))
	}
	base := "/api/clients/acme/backups/server/" + b.Name + "/download"
	res, got := s.postForm(base, acme, url.Values{"password": {pw}}, "")
	if res.StatusCode != 200 || !bytes.Equal(got, plain) || res.ContentLength != int64(len(plain)) ||
		res.Header.Get("Content-Disposition") != "attachment; filename="+b.Name+".tar.zst" {
		t.Fatalf("download posted with the password: %d, %d bytes (want %d), headers %v", res.StatusCode, len(got), len(plain), res.Header)
	}
	cut := int64(len(plain)) - 1<<20 - 4321
	res, rest := s.postForm(base, acme, url.Values{"password": {pw}}, fmt.Sprintf("bytes=%d-", cut))
	if res.StatusCode != 206 || !bytes.Equal(rest, plain[cut:]) {
		t.Fatalf("resumed at %d: %d, %d bytes, want %d", cut, res.StatusCode, len(rest), int64(len(plain))-cut)
	}
	for _, h := range []string{pw, utf8Prefix + url.PathEscape(pw)} { // as is, and as a browser must send it
		if r := s.do("GET", base, "", acme, PasswordHeader, h); r.status != 200 || r.body != string(plain) {
			t.Errorf("download with the header %q: %d, %d bytes", h, r.status, len(r.body))
		}
	}
	tree := "/api/clients/acme/backups/" + b.Name + "/tree?storage=server"
	if r := s.do("GET", tree, "", acme, PasswordHeader, utf8Prefix+url.PathEscape(pw)); r.status != 200 || !strings.Contains(r.body, "acme.example") {
		t.Errorf("tree with the encoded header: %d %s", r.status, r.body)
	}
	idx := manifest.IndexName(b.Name)
	res, got = s.postForm(base+"/"+idx, acme, url.Values{"password": {pw}}, "")
	if want := archivetest.AgeDecrypt(t, pw, s.storedBytes(t, idx+manifest.SealedSuffix)); res.StatusCode != 200 || !bytes.Equal(got, want) {
		t.Errorf("index posted with the password: %d, %d bytes, want %d", res.StatusCode, len(got), len(want))
	}

	res, got = s.postForm(base, acme, url.Values{"password": {"not it"}}, "")
	if res.StatusCode != 422 || !strings.Contains(string(got), `"wrong_backup_password"`) {
		t.Errorf("a wrong password: %d %s", res.StatusCode, got)
	}
	if r := s.do("GET", base, "", acme, PasswordHeader, "not it"); r.status != 422 || problem(t, r).Code != codeWrongPassword {
		t.Errorf("a wrong password in the header: %d %s", r.status, r.body)
	}
	if r := s.do("POST", base, `{"password":"`+pw+`"}`, acme); r.status != 415 {
		t.Errorf("the password posted as JSON: %d %s", r.status, r.body)
	}
	if res, got := s.get(base, acme, ""); res.StatusCode != 200 || !bytes.Equal(got, s.storedBytes(t, volumeNames(b)...)) {
		t.Errorf("without a password: %d, %d bytes; want the stored volumes", res.StatusCode, len(got))
	}

	check := "/api/clients/acme/backups/server/" + b.Name + "/check-password"
	if r := s.do("POST", check, `{"password":"`+pw+`"}`, acme); r.status != 204 {
		t.Errorf("check the right password: %d %s", r.status, r.body)
	}
	for body, code := range map[string]string{`{"password":"not it"}`: codeWrongPassword, `{}`: codePasswordRequired} {
		if r := s.do("POST", check, body, acme); r.status != 422 || problem(t, r).Code != code {
			t.Errorf("check %s: %d %s, want 422 %s", body, r.status, r.body, code)
		}
	}
	if r := s.do("POST", "/api/clients/acme/backups/server/acme_none/check-password", `{"password":"x"}`, acme); r.status != 404 {
		t.Errorf("check on a backup that is not there: %d %s", r.status, r.body)
	}
	if r := s.do("POST", check, `{"password":"`+pw+`"}`, s.login("bob")); r.status != 404 {
		t.Errorf("another client checks it: %d %s", r.status, r.body)
	}
}

// An unprotected backup downloads the same with or without a password.
func TestDownloadAnUnprotectedBackupWithAPassword(t *testing.T) {
	s := newSite(t)
	s.fill("acme", map[string]string{"httpdocs/index.php": "<?php echo 1;"})
	b := s.backUp("acme", `{"scope":"websites","files":true,"storage":"server"}`)
	acme := s.login("acme")
	base := "/api/clients/acme/backups/server/" + b.Name + "/download"
	res, got := s.postForm(base, acme, url.Values{"password": {"whatever it is"}}, "")
	if res.StatusCode != 200 || !bytes.Equal(got, s.storedBytes(t, volumeNames(b)...)) {
		t.Fatalf("posted with a password: %d, %d bytes", res.StatusCode, len(got))
	}
	if r := s.do("POST", "/api/clients/acme/backups/server/"+b.Name+"/check-password", `{"password":"x"}`, acme); r.status != 204 {
		t.Errorf("check on an unprotected backup: %d %s", r.status, r.body)
	}
}

// postForm posts form to path as the panel's form does, with a Range header when given.
func (s *site) postForm(path string, c *http.Cookie, form url.Values, rng string) (*http.Response, []byte) {
	s.t.Helper()
	req, _ := http.NewRequest("POST", s.srv.URL+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	return s.exchange(req, c, rng)
}

// storedBytes are acme's stored objects end to end.
func (s *site) storedBytes(t *testing.T, names ...string) []byte {
	var all []byte
	for _, n := range names {
		data, err := os.ReadFile(s.storageFile("acme", n))
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, data...)
	}
	return all
}

func volumeNames(b jobs.Listed) []string {
	var out []string
	for _, v := range b.Volumes {
		out = append(out, v.Name)
	}
	return out
}

// A protected backup of the personal FTP storage downloads decrypted with its password, and
// resumes from the middle of its second encrypted piece (REST there, then age from that chunk).
func TestDownloadAProtectedBackupFromFTP(t *testing.T) {
	s := newSite(t)
	s.fill("acme", map[string]string{"httpdocs/video.bin": randomBytes(2<<20 + 100<<10)})
	srv := ftptest.NewServer(t, ftptest.Options{User: "acme", Pass: ftpSecret, TLS: ftp.TLSNone})
	s.allowLoopbackFTP()
	acme := s.login("acme")
	if r := s.do("PUT", "/api/clients/acme/ftp", ftpForm(srv.Config, ftpSecret), acme); r.status != 200 {
		t.Fatalf("FTP settings: %d %s", r.status, r.body)
	}
	const pw = "ftp pass phrase"
	r := s.do("POST", "/api/clients/acme/backups", `{"scope":"websites","files":true,"storage":"ftp","splitMB":1,"password":"`+pw+`"}`, acme)
	if done, err := s.runner.Wait(t.Context(), decodeAs[tasks.Task](t, r).ID); err != nil || done.Status != tasks.Done {
		t.Fatalf("backup to FTP: %+v %v", done, err)
	}
	b := decodeAs[[]jobs.Listed](t, s.do("GET", "/api/clients/acme/backups?storage=ftp", "", acme))[0]
	var sealed []byte
	for _, v := range b.Volumes {
		data, err := afero.ReadFile(srv.Fs, "/bk/"+v.Name)
		if err != nil {
			t.Fatal(err)
		}
		sealed = append(sealed, data...)
	}
	plain := archivetest.AgeDecrypt(t, pw, sealed)
	base := "/api/clients/acme/backups/ftp/" + b.Name + "/download"
	if res, got := s.postForm(base, acme, url.Values{"password": {pw}}, ""); res.StatusCode != 200 || !bytes.Equal(got, plain) {
		t.Fatalf("download from FTP with the password: %d, %d bytes of %d", res.StatusCode, len(got), len(plain))
	}
	cut := b.Volumes[0].Size + 70000
	res, rest := s.postForm(base, acme, url.Values{"password": {pw}}, fmt.Sprintf("bytes=%d-", cut))
	if res.StatusCode != 206 || !bytes.Equal(rest, plain[cut:]) {
		t.Fatalf("resumed download from FTP: %d, %d bytes, want %d", res.StatusCode, len(rest), int64(len(plain))-cut)
	}
	if res, got := s.postForm(base, acme, url.Values{"password": {"not it"}}, ""); res.StatusCode != 422 || !strings.Contains(string(got), codeWrongPassword) {
		t.Errorf("a wrong password on FTP: %d %s", res.StatusCode, got)
	}
}
