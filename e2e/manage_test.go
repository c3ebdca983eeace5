package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"
)

// The administrator downloads a backup of acme from the Backup Manager (the browser saves the
// whole archive: the volumes end to end), deletes it after the confirmation that names it,
// uploads its files back (listed again, signed by this host), and verifies it from its row: the
// task ends sound and the row says so.
func TestDownloadDeleteUploadVerify(t *testing.T) {
	s := startOwnServer(t)
	ctx := newTab(t, "en-US", 60*time.Second)
	logIn(t, ctx, s)
	name := backUpByAPI(t, ctx, "acme")
	do(t, ctx, "the Backup Manager", chromedp.Navigate(s.url+"/customer/acme/backups"), ready(`#verify-`+name))

	storage := filepath.Join(s.dataDir(), "storage", "acme")
	objects, whole := backupFiles(t, storage, name)
	downloads := t.TempDir()
	events := true
	if _, err := chromedp.Call(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
		Behavior: browser.SetDownloadBehaviorBehaviorAllowAndName, DownloadPath: downloads, EventsEnabled: &events,
		BrowserContextID: chromedp.FromContext(ctx).BrowserContextID}); err != nil {
		t.Fatalf("allow downloads: %v", err)
	}
	do(t, ctx, "Download", chromedp.Click(chromedp.CSS(`#download-`+name)))
	got := waitDownload(t, downloads, int64(len(whole)))
	must(t, bytes.Equal(got, whole), "the downloaded archive (%d bytes) is not the backup's volumes end to end (%d bytes)", len(got), len(whole))

	keep := t.TempDir() // the backup's files, as the user keeps them
	var paths []string
	for n, data := range objects {
		p := filepath.Join(keep, n)
		if err := os.WriteFile(p, data, 0o600); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}

	do(t, ctx, "Delete", chromedp.Click(chromedp.CSS(`#delete-`+name)), ready(`#delete-dialog`))
	must(t, strings.Contains(text(t, ctx, `#delete-names`), name), "the confirmation does not name %s", name)
	shot(t, ctx, "manage-1-delete-confirmation")
	do(t, ctx, "Confirm the deletion", chromedp.Click(chromedp.CSS(`#delete-confirm`)), ready(`#manage-deleted`))
	waitTrue(t, ctx, "the row gone", `!document.querySelector('#verify-`+name+`')`)
	_, err := os.Stat(filepath.Join(storage, name+".manifest.json"))
	must(t, os.IsNotExist(err), "the manifest is still stored after the deletion: %v", err)

	do(t, ctx, "Upload the files back", chromedp.SetUploadFiles(chromedp.CSS(`#upload-files`), paths),
		chromedp.Click(chromedp.CSS(`#upload-submit`)), ready(`#manage-uploaded`), ready(`#verify-`+name))
	row := text(t, ctx, `#backup-list tbody tr:first-child`)
	must(t, strings.Contains(row, "Signed by this host") && strings.Contains(row, "Never verified"), "the uploaded row reads %q", row)
	shot(t, ctx, "manage-2-uploaded")

	do(t, ctx, "Verify", chromedp.Click(chromedp.CSS(`#verify-`+name)), ready(`#task-result`))
	must(t, strings.Contains(text(t, ctx, `#task-result`), "Done"), "the verification reads %q", text(t, ctx, `#task-result`))
	do(t, ctx, "back to the Backup Manager", chromedp.Navigate(s.url+"/customer/acme/backups"), ready(`#verify-`+name))
	row = text(t, ctx, `#backup-list tbody tr:first-child`)
	must(t, strings.Contains(row, "Sound"), "the verified row reads %q", row)
	shot(t, ctx, "manage-3-verified")

	// A byte changed in a volume: the row says which volume is damaged.
	vol := firstVolume(t, objects, name)
	data := objects[vol]
	data[len(data)/2] ^= 0x55
	if err := os.WriteFile(filepath.Join(storage, vol), data, 0o600); err != nil {
		t.Fatal(err)
	}
	do(t, ctx, "Verify the damaged backup", chromedp.Click(chromedp.CSS(`#verify-`+name)), ready(`#task-result`))
	do(t, ctx, "back to the Backup Manager", chromedp.Navigate(s.url+"/customer/acme/backups"), ready(`#verify-`+name))
	row = text(t, ctx, `#backup-list tbody tr:first-child`)
	must(t, strings.Contains(row, "Damaged") && strings.Contains(row, vol), "the damaged row reads %q: no volume %s", row, vol)
	shot(t, ctx, "manage-4-damaged")
}

// firstVolume is the name of backup name's first volume among its files.
func firstVolume(t *testing.T, objects map[string][]byte, name string) string {
	t.Helper()
	for _, n := range []string{name + ".tar.zst", name + ".tar.zst.001"} {
		if _, ok := objects[n]; ok {
			return n
		}
	}
	t.Fatalf("no first volume of %s", name)
	return ""
}

// backUpByAPI runs a full backup of login from the page's session and returns its name.
func backUpByAPI(t *testing.T, ctx context.Context, login string) string {
	t.Helper()
	a := fetchAPI(t, ctx, "POST", "/api/clients/"+login+"/backups", `{scope: "account", files: true, mail: true, storage: "server", splitMB: 1}`)
	id, _ := a.Body["id"].(string)
	must(t, a.Status == 202 && id != "", "start a backup: %+v", a)
	for range 300 {
		if ok := eval[bool](t, ctx, `fetch('/api/tasks/`+id+`').then(r => r.json()).then(t => t.status === 'done' || t.status === 'warnings')`); ok {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	list := fetchAPI(t, ctx, "GET", "/api/clients/"+login+"/backups", "")
	items, _ := list.Body["items"].([]any)
	must(t, len(items) > 0, "no backup listed")
	first, _ := items[0].(map[string]any)
	name, _ := first["name"].(string)
	if name == "" {
		t.Fatalf("no backup listed: %+v", list)
	}
	return name
}

// backupFiles reads backup name's objects from the storage folder, and its volumes end to end.
func backupFiles(t *testing.T, dir, name string) (map[string][]byte, []byte) {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(dir, name+".manifest.json"))
	if err != nil {
		t.Fatal(err)
	}
	var f struct {
		Manifest struct {
			Volumes []struct{ Name string } `json:"volumes"`
			Index   struct{ Name string }   `json:"index"`
		} `json:"manifest"`
	}
	m := &f.Manifest
	if err := json.Unmarshal(raw, &f); err != nil {
		t.Fatal(err)
	}
	out := map[string][]byte{name + ".manifest.json": raw}
	var whole []byte
	for i, o := range append(m.Volumes, m.Index) {
		data, err := os.ReadFile(filepath.Join(dir, o.Name))
		if err != nil {
			t.Fatal(err)
		}
		out[o.Name] = data
		if i < len(m.Volumes) {
			whole = append(whole, data...)
		}
	}
	return out, whole
}

// waitDownload waits for the browser to finish saving a file of size bytes into dir.
func waitDownload(t *testing.T, dir string, size int64) []byte {
	t.Helper()
	var seen []string
	for range 300 {
		entries, _ := os.ReadDir(dir)
		seen = seen[:0]
		for _, e := range entries {
			info, err := e.Info()
			seen = append(seen, e.Name())
			if err == nil && info.Size() == size && !strings.HasSuffix(e.Name(), ".crdownload") {
				data, err := os.ReadFile(filepath.Join(dir, e.Name()))
				if err == nil && int64(len(data)) == size {
					return data
				}
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("no download of %d bytes in %s: %v", size, dir, seen)
	return nil
}
