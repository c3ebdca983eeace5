package api

import (
	"bytes"
	"crypto/rand"
	"fmt"
	"testing"

	"github.com/spf13/afero"

	"coffre/engine/storage/ftp"
	"coffre/engine/storage/ftp/ftptest"
	"coffre/server/jobs"
	"coffre/server/tasks"
)

// A backup of the personal FTP storage downloads whole, resumes from the middle of its second
// volume (REST), and is deleted from the FTP server, manifest first.
func TestDownloadAndDeleteOnFTP(t *testing.T) {
	s := newSite(t)
	noise := make([]byte, 2<<20+100<<10)
	rand.Read(noise)
	s.fill("acme", map[string]string{"httpdocs/video.bin": string(noise)})
	srv := ftptest.NewServer(t, ftptest.Options{User: "acme", Pass: ftpSecret, TLS: ftp.TLSNone})
	s.allowLoopbackFTP()
	acme := s.login("acme")
	if r := s.do("PUT", "/api/clients/acme/ftp", ftpForm(srv.Config, ftpSecret), acme); r.status != 200 {
		t.Fatalf("FTP settings: %d %s", r.status, r.body)
	}
	r := s.do("POST", "/api/clients/acme/backups", `{"scope":"account","files":true,"storage":"ftp","splitMB":1}`, acme)
	if done, err := s.runner.Wait(t.Context(), decodeAs[tasks.Task](t, r).ID); err != nil || done.Status != tasks.Done {
		t.Fatalf("backup to FTP: %+v %v", done, err)
	}
	b := decodeAs[[]jobs.Listed](t, s.do("GET", "/api/clients/acme/backups?storage=ftp", "", acme))[0]
	var whole []byte
	for _, v := range b.Volumes {
		data, err := afero.ReadFile(srv.Fs, "/bk/"+v.Name)
		if err != nil {
			t.Fatal(err)
		}
		whole = append(whole, data...)
	}
	base := "/api/clients/acme/backups/ftp/" + b.Name + "/download"
	if res, got := s.get(base, acme, ""); res.StatusCode != 200 || !bytes.Equal(got, whole) || res.ContentLength != b.Size {
		t.Fatalf("whole download from FTP: %d, %d bytes of %d", res.StatusCode, len(got), len(whole))
	}
	cut := b.Volumes[0].Size + 777
	res, rest := s.get(base, acme, fmt.Sprintf("bytes=%d-", cut))
	if res.StatusCode != 206 || !bytes.Equal(rest, whole[cut:]) {
		t.Fatalf("resumed download from FTP: %d, %d bytes, want %d", res.StatusCode, len(rest), len(whole)-int(cut))
	}
	if r := s.do("DELETE", "/api/clients/acme/backups/ftp/"+b.Name, `{"confirm":["`+b.Name+`"]}`, acme); r.status != 200 {
		t.Fatalf("delete from FTP: %d %s", r.status, r.body)
	}
	left, _ := afero.ReadDir(srv.Fs, "/bk")
	for _, fi := range left {
		t.Errorf("%s is still on the FTP server", fi.Name())
	}
}
