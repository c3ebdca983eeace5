package api

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"coffre/engine/manifest"
	"coffre/engine/verify"
	"coffre/server/jobs"
	"coffre/server/tasks"
)

// backUp runs a backup of acme through the API and returns it as listed.
func (s *site) backUp(login, body string) jobs.Listed {
	s.t.Helper()
	admin := s.login("admin")
	r := s.do("POST", "/api/clients/"+login+"/backups", body, admin)
	queued := decodeAs[tasks.Task](s.t, r)
	if done, err := s.runner.Wait(context.Background(), queued.ID); err != nil || done.Status != tasks.Done {
		s.t.Fatalf("backup %d %s: %+v %v", r.status, r.body, done, err)
	}
	list := decodeAs[[]jobs.Listed](s.t, s.do("GET", "/api/clients/"+login+"/backups", "", admin))
	return list[0]
}

// storageFile is the path of an object in a client's server storage.
func (s *site) storageFile(login, name string) string {
	return filepath.Join(s.st.Dir(), jobs.StorageDir, login, name)
}

// get fetches path with the session, and the Range header when given.
func (s *site) get(path string, c *http.Cookie, rng string) (*http.Response, []byte) {
	s.t.Helper()
	return s.getIfRange(path, c, rng, "")
}

// getIfRange is get with an If-Range header when ifRange is set.
func (s *site) getIfRange(path string, c *http.Cookie, rng, ifRange string) (*http.Response, []byte) {
	s.t.Helper()
	req, _ := http.NewRequest("GET", s.srv.URL+path, nil)
	if ifRange != "" {
		req.Header.Set("If-Range", ifRange)
	}
	return s.exchange(req, c, rng)
}

// exchange sends req with the session, and the Range header when given, and reads the answer.
func (s *site) exchange(req *http.Request, c *http.Cookie, rng string) (*http.Response, []byte) {
	s.t.Helper()
	req.AddCookie(c)
	if rng != "" {
		req.Header.Set("Range", rng)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		s.t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		s.t.Fatal(err)
	}
	return res, b
}

// upload sends files (name -> content, in order) as the panel's upload form does.
func (s *site) upload(login string, c *http.Cookie, names []string, files map[string][]byte) reply {
	s.t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for _, n := range names {
		w, _ := mw.CreateFormFile("files", n)
		w.Write(files[n])
	}
	mw.Close()
	return s.do("POST", "/api/clients/"+login+"/uploads?storage=server", body.String(), c,
		"Content-Type", mw.FormDataContentType())
}

// verifyTask verifies a backup through the API and returns its report.
func (s *site) verifyTask(login, name string, c *http.Cookie, body string) (tasks.Task, verify.Report) {
	s.t.Helper()
	r := s.do("POST", "/api/clients/"+login+"/backups/server/"+name+"/verify", body, c)
	if r.status != 202 {
		s.t.Fatalf("verify %s: %d %s", name, r.status, r.body)
	}
	t, err := s.runner.Wait(context.Background(), decodeAs[tasks.Task](s.t, r).ID)
	if err != nil {
		s.t.Fatal(err)
	}
	var rep verify.Report
	json.Unmarshal(t.Result, &rep)
	return t, rep
}

func randomBytes(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return string(b)
}

// A backup of three volumes downloads whole as its volumes end to end, resumes with a range,
// and uploads back: listed, verified and restored.
func TestDownloadAndUploadRoundTrip(t *testing.T) {
	s := newSite(t)
	s.fill("acme", map[string]string{"httpdocs/big.bin": randomBytes(2<<20 + 300<<10), "httpdocs/index.php": "<?php echo 1;"})
	b := s.backUp("acme", `{"scope":"account","files":true,"mail":true,"storage":"server","splitMB":1}`)
	if len(b.Volumes) < 3 {
		t.Fatalf("want 3 volumes or more, got %+v", b.Volumes)
	}
	acme := s.login("acme")
	var whole []byte
	files := map[string][]byte{}
	for _, v := range b.Volumes {
		data, err := os.ReadFile(s.storageFile("acme", v.Name))
		if err != nil {
			t.Fatal(err)
		}
		whole = append(whole, data...)
		res, got := s.get("/api/clients/acme/backups/server/"+b.Name+"/download/"+v.Name, acme, "")
		if res.StatusCode != 200 || !bytes.Equal(got, data) || res.ContentLength != v.Size {
			t.Fatalf("volume %s: %d, %d bytes (Content-Length %d), want %d", v.Name, res.StatusCode, len(got), res.ContentLength, v.Size)
		}
		files[v.Name] = got
	}
	base := "/api/clients/acme/backups/server/" + b.Name + "/download"
	res, first := s.get(base, acme, "")
	if res.StatusCode != 200 || res.ContentLength != int64(len(whole)) || !bytes.Equal(first, whole) ||
		res.Header.Get("Content-Disposition") != `attachment; filename=`+b.Name+`.tar.zst` || res.Header.Get("Accept-Ranges") != "bytes" ||
		res.Header.Get("ETag") == "" {
		t.Fatalf("whole download: %d, %d bytes, headers %v", res.StatusCode, len(first), res.Header)
	}
	// A download cut in the middle of the second volume resumes from there, if the backup is
	// still the same (If-Range with its ETag).
	etag := res.Header.Get("ETag")
	cut := int64(len(files[b.Volumes[0].Name])) + 12345
	res, rest := s.getIfRange(base, acme, fmt.Sprintf("bytes=%d-", cut), etag)
	if res.StatusCode != 206 || res.ContentLength != int64(len(whole))-cut ||
		!bytes.Equal(append(whole[:cut:cut], rest...), whole) {
		t.Fatalf("resumed download: %d, %d bytes (%s)", res.StatusCode, len(rest), res.Header.Get("Content-Range"))
	}
	if res, all := s.getIfRange(base, acme, fmt.Sprintf("bytes=%d-", cut), `"another"`); res.StatusCode != 200 || len(all) != len(whole) {
		t.Errorf("a range with another ETag: %d, %d bytes; want the whole archive", res.StatusCode, len(all))
	}
	for _, n := range []string{manifest.IndexName(b.Name), manifest.ManifestName(b.Name)} {
		res, data := s.get(base+"/"+n, acme, "")
		if res.StatusCode != 200 || res.Header.Get("Content-Disposition") != "attachment; filename="+n {
			t.Fatalf("%s: %d %v", n, res.StatusCode, res.Header)
		}
		files[n] = data
	}
	if res, _ := s.get(base+"/"+"acme_other.tar.zst", acme, ""); res.StatusCode != 404 {
		t.Errorf("an object that is not the backup's: %d", res.StatusCode)
	}

	// Upload onto another host's data directory: listed as signed by another host, with the key.
	other := newSite(t)
	names := []string{manifest.ManifestName(b.Name), manifest.IndexName(b.Name)}
	for _, v := range b.Volumes {
		names = append(names, v.Name)
	}
	r := other.upload("acme", other.login("acme"), names, files)
	up := decodeAs[jobs.Listed](t, r)
	if r.status != 201 || up.Name != b.Name || up.Signature.Signer != manifest.SignedByOther ||
		up.Signature.Fingerprint != b.Signature.Fingerprint || up.Status != "ok" {
		t.Fatalf("upload: %d %s", r.status, r.body)
	}
	// The client verifies it: it is sound, but signed by a key this host does not trust.
	_, rep := other.verifyTask("acme", b.Name, other.login("acme"), "")
	if rep.OK() || !strings.Contains(rep.Problems[0].Error, "signed by another host (key "+b.Signature.Fingerprint+")") {
		t.Fatalf("verify by the client: %+v", rep)
	}
	oadmin := other.login("admin")
	if _, rep := other.verifyTask("acme", b.Name, oadmin, `{"trustKey":"`+b.Signature.Fingerprint+`"}`); !rep.OK() || rep.Volumes != len(b.Volumes) {
		t.Fatalf("verify by the administrator trusting the key: %+v", rep)
	}
	restore := `{"backup":"` + b.Name + `","storage":"server"}`
	if r := other.do("POST", "/api/clients/acme/restores", `{"backup":"`+b.Name+`","storage":"server","trustKey":"`+
		b.Signature.Fingerprint+`"}`, other.login("acme")); r.status != 403 {
		t.Errorf("the client restores another host's backup: %d %s", r.status, r.body)
	}
	r = other.do("POST", "/api/clients/acme/restores", strings.TrimSuffix(restore, "}")+`,"trustKey":"`+b.Signature.Fingerprint+`"}`, oadmin)
	if done, err := other.runner.Wait(context.Background(), decodeAs[tasks.Task](t, r).ID); err != nil || done.Status != tasks.Done {
		t.Fatalf("the administrator restores it: %+v %v", done, err)
	}
	got, _ := os.ReadFile(filepath.Join(other.roots["acme"], "httpdocs/big.bin"))
	want, _ := os.ReadFile(filepath.Join(s.roots["acme"], "httpdocs/big.bin"))
	if !bytes.Equal(got, want) {
		t.Fatalf("restored from the uploaded copy: %d bytes, want %d", len(got), len(want))
	}
	if r := other.upload("acme", other.login("acme"), names, files); r.status != 409 {
		t.Errorf("the same backup uploaded twice: %d %s", r.status, r.body)
	}
}

// An upload is checked before it is listed: another client's backup, a changed byte, a
// missing volume, the manifest not first, an edited manifest: each refused naming what, and
// nothing listed.
func TestUploadIsCheckedBeforeItIsListed(t *testing.T) {
	s := newSite(t)
	s.fill("acme", map[string]string{"httpdocs/index.php": "<?php echo 1;"})
	b := s.backUp("acme", fullBackup)
	files := map[string][]byte{}
	names := []string{manifest.ManifestName(b.Name), manifest.IndexName(b.Name), b.Volumes[0].Name}
	for _, n := range names {
		files[n], _ = os.ReadFile(s.storageFile("acme", n))
	}
	changed := bytes.Clone(files[b.Volumes[0].Name])
	changed[len(changed)/2] ^= 1
	edited := bytes.Replace(files[names[0]], []byte(`"files": true`), []byte(`"files": false`), 1)
	with := func(n string, data []byte) map[string][]byte {
		m := map[string][]byte{}
		for k, v := range files {
			m[k] = v
		}
		m[n] = data
		return m
	}
	bob := s.login("bob")
	for _, tt := range []struct {
		name, login string
		names       []string
		files       map[string][]byte
		code, arg   string
	}{
		{"another client's", "bob", names, files, jobs.CodeUploadOtherClient, "acme"},
		{"a changed byte", "acme", names, with(b.Volumes[0].Name, changed), jobs.CodeUploadMismatch, b.Volumes[0].Name},
		{"a missing volume", "acme", names[:2], files, jobs.CodeUploadMissing, b.Volumes[0].Name},
		{"the manifest last", "acme", []string{names[1], names[2], names[0]}, files, jobs.CodeUploadManifestFirst, names[1]},
		{"an edited manifest", "acme", names, with(names[0], edited), jobs.CodeUploadSignature, "mismatch"},
	} {
		c := bob
		if tt.login == "acme" {
			c = s.login("acme")
		}
		if tt.login == "acme" {
			os.Remove(s.storageFile("acme", names[0])) // so that only the checks refuse
		}
		r := s.upload(tt.login, c, tt.names, tt.files)
		p := problem(t, r)
		if r.status != 400 || p.Code != tt.code || len(p.Args) == 0 || p.Args[0] != tt.arg {
			t.Errorf("%s: %d %s, want 400 %s naming %s", tt.name, r.status, r.body, tt.code, tt.arg)
		}
		if list := decodeAs[[]jobs.Listed](t, s.do("GET", "/api/clients/"+tt.login+"/backups", "", c)); len(list) != 0 {
			t.Errorf("%s: listed after a refused upload: %+v", tt.name, list)
		}
	}
	if left, _ := os.ReadDir(filepath.Join(s.st.Dir(), jobs.StageDir)); len(left) != 0 {
		t.Errorf("staged uploads left: %v", left)
	}
}

// Verify names what is wrong: the volume with a changed byte, a manifest edited after it was
// signed, one signed by another key (with its fingerprint); the listing keeps the last result;
// the client's restore of each is refused.
func TestVerifyFromTheAPINamesWhatIsWrong(t *testing.T) {
	s := newSite(t)
	s.fill("acme", map[string]string{"httpdocs/index.php": "<?php echo 1;"})
	acme, admin := s.login("acme"), s.login("admin")
	b := s.backUp("acme", fullBackup)
	if _, rep := s.verifyTask("acme", b.Name, acme, ""); !rep.OK() {
		t.Fatalf("a sound backup: %+v", rep)
	}
	list := decodeAs[[]jobs.Listed](t, s.do("GET", "/api/clients/acme/backups", "", acme))
	if v := list[0].Verification; v == nil || !v.OK || list[0].Verified == nil || v.Volumes != 1 {
		t.Fatalf("the listing after a sound verification: %+v", list[0])
	}
	vol := s.storageFile("acme", b.Volumes[0].Name)
	data, _ := os.ReadFile(vol)
	data[len(data)/2] ^= 1
	os.WriteFile(vol, data, 0o600)
	if _, rep := s.verifyTask("acme", b.Name, acme, ""); rep.OK() || rep.Problems[0].Object != b.Volumes[0].Name {
		t.Fatalf("a changed byte: %+v", rep)
	}
	list = decodeAs[[]jobs.Listed](t, s.do("GET", "/api/clients/acme/backups", "", acme))
	if v := list[0].Verification; v == nil || v.OK || v.Problems[0].Object != b.Volumes[0].Name {
		t.Fatalf("the listing after a failed verification: %+v", list[0].Verification)
	}
	restore := `{"backup":"` + b.Name + `","storage":"server"}`
	refusedRestore(t, s, restore, acme, "")

	mpath := s.storageFile("acme", manifest.ManifestName(b.Name))
	signedData, _ := os.ReadFile(mpath)
	os.WriteFile(mpath, bytes.Replace(signedData, []byte(`"from the panel"`), []byte(`"from elsewhere"`), 1), 0o600)
	if _, rep := s.verifyTask("acme", b.Name, acme, ""); rep.OK() || !strings.Contains(rep.Problems[0].Error, "signature does not match") {
		t.Fatalf("an edited manifest: %+v", rep)
	}
	refusedRestore(t, s, restore, acme, "signature does not match")

	m, _ := manifest.Parse(signedData)
	pub, key, _ := ed25519.GenerateKey(nil)
	resigned, _ := manifest.Sign(m, key)
	os.WriteFile(mpath, resigned, 0o600)
	fp := manifest.KeyFingerprint(pub)
	if _, rep := s.verifyTask("acme", b.Name, acme, ""); rep.OK() || !strings.Contains(rep.Problems[0].Error, "signed by another host (key "+fp+")") {
		t.Fatalf("signed by another key: %+v", rep)
	}
	refusedRestore(t, s, restore, acme, fp)
	if r := s.do("POST", "/api/clients/acme/backups/server/"+b.Name+"/verify", `{"trustKey":"`+fp+`"}`, acme); r.status != 403 {
		t.Errorf("a client trusting a key to verify: %d %s", r.status, r.body)
	}
	_ = admin
}

// refusedRestore checks that the client's restore fails, naming why.
func refusedRestore(t *testing.T, s *site, body string, c *http.Cookie, says string) {
	t.Helper()
	r := s.do("POST", "/api/clients/acme/restores", body, c)
	if r.status != 202 {
		return // refused at once
	}
	done, err := s.runner.Wait(context.Background(), decodeAs[tasks.Task](t, r).ID)
	if err != nil || done.Status != tasks.Failed || !strings.Contains(done.Error, says) {
		t.Errorf("the client's restore: %s %q, want failed saying %q", done.Status, done.Error, says)
	}
}

// Deleting the middle of a chain names the later incremental, deletes nothing until the
// confirmation names both, then deletes both; the full backup stays, sound.
func TestDeleteTheMiddleOfAChain(t *testing.T) {
	s := newSite(t)
	s.fill("acme", map[string]string{"httpdocs/a": "1"})
	full := s.backUp("acme", fullBackup).Name
	incr := `{"scope":"account","files":true,"storage":"server","incremental":true}`
	s.fill("acme", map[string]string{"httpdocs/b": "2"})
	mid := s.backUp("acme", incr).Name
	s.fill("acme", map[string]string{"httpdocs/c": "3"})
	last := s.backUp("acme", incr).Name
	acme := s.login("acme")
	path := "/api/clients/acme/backups/server/" + mid
	deps := decodeAs[dependentsView](t, s.do("GET", path+"/dependents", "", acme))
	if len(deps.Dependents) != 1 || deps.Dependents[0] != last {
		t.Fatalf("dependents: %+v", deps)
	}
	for _, tt := range []struct{ body, code string }{
		{`{"confirm":["` + mid + `"]}`, jobs.CodeHasDependents},
		{`{"withDependents":true,"confirm":["` + mid + `"]}`, jobs.CodeConfirm},
		{`{"withDependents":true}`, jobs.CodeConfirm},
	} {
		r := s.do("DELETE", path, tt.body, acme)
		if p := problem(t, r); r.status != 409 || p.Code != tt.code || !strings.Contains(r.body, last) {
			t.Errorf("DELETE %s: %d %s, want 409 %s naming %s", tt.body, r.status, r.body, tt.code, last)
		}
	}
	if list := decodeAs[[]jobs.Listed](t, s.do("GET", "/api/clients/acme/backups", "", acme)); len(list) != 3 {
		t.Fatalf("refused deletions deleted: %+v", list)
	}
	r := s.do("DELETE", path, `{"withDependents":true,"confirm":["`+mid+`","`+last+`"]}`, acme)
	if r.status != 200 || r.body != `{"deleted":["`+last+`","`+mid+`"]}`+"\n" {
		t.Fatalf("confirmed deletion: %d %s", r.status, r.body)
	}
	list := decodeAs[[]jobs.Listed](t, s.do("GET", "/api/clients/acme/backups", "", acme))
	if len(list) != 1 || list[0].Name != full || list[0].Status != "ok" {
		t.Fatalf("after the deletion: %+v", list)
	}
	if r := s.do("DELETE", path, `{"confirm":["`+mid+`"]}`, acme); r.status != 404 {
		t.Errorf("deleting it again: %d %s", r.status, r.body)
	}
}

// Every route of this file, walked by bob against acme's real backup: the 404 of a missing
// object, and acme's backup intact.
func TestEveryManageRouteRefusesAnotherClient(t *testing.T) {
	s := newSite(t)
	s.fill("acme", map[string]string{"httpdocs/a": "1"})
	b := s.backUp("acme", fullBackup)
	bob := s.login("bob")
	missing := s.do("GET", "/api/clients/nobody", "", bob).body
	base := "/api/clients/{login}/backups/server/" + b.Name
	routes := []struct{ method, path, body string }{
		{"GET", base + "/download", ""},
		{"GET", base + "/download/" + b.Volumes[0].Name, ""},
		{"GET", base + "/download/" + manifest.ManifestName(b.Name), ""},
		{"GET", base + "/dependents", ""},
		{"DELETE", base, `{"withDependents":true,"confirm":["` + b.Name + `"]}`},
		{"POST", base + "/verify", ""},
		{"POST", "/api/clients/{login}/uploads", ""},
	}
	for _, rt := range routes {
		for _, login := range []string{"acme", "ACME", "acme2", "a%2Fb", "admin"} {
			p := strings.Replace(rt.path, "{login}", login, 1)
			if r := s.do(rt.method, p, rt.body, bob); r.status != 404 || r.body != missing {
				t.Errorf("bob %s %s: %d %s, want the 404 of a missing object", rt.method, p, r.status, r.body)
			}
		}
	}
	// bob naming acme's backup under its own login finds nothing either.
	for _, p := range []string{"/api/clients/bob/backups/server/" + b.Name + "/download", "/api/clients/bob/backups/server/" + b.Name + "/dependents"} {
		if r := s.do("GET", p, "", bob); r.status != 404 {
			t.Errorf("bob GET %s: %d %s", p, r.status, r.body)
		}
	}
	if r := s.do("DELETE", "/api/clients/bob/backups/server/"+b.Name, `{"confirm":["`+b.Name+`"]}`, bob); r.status != 404 {
		t.Errorf("bob deletes acme's backup under its login: %d %s", r.status, r.body)
	}
	list := decodeAs[[]jobs.Listed](t, s.do("GET", "/api/clients/acme/backups", "", s.login("admin")))
	if len(list) != 1 || list[0].Name != b.Name || list[0].Verification != nil {
		t.Errorf("acme's backups after bob's attempts: %+v", list)
	}
	if tl, _ := s.runner.List(tasks.Filter{}); len(tl) != 1 {
		t.Errorf("bob's attempts made tasks: %d", len(tl))
	}
}
