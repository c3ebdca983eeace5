package e2e

import (
	"context"
	bin "encoding/binary"
	"fmt"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"coffre/engine/account"
	"coffre/server/store"
	"coffre/server/tasks"
)

// fillStore writes n clients (each with a subscription and its domain) and m ended tasks into
// the data directory, in one transaction, under the buckets server/store and server/tasks use.
func fillStore(t *testing.T, data string, n, m int) {
	t.Helper()
	st, err := store.Open(data, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	created := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	err = st.Update(func(tx *store.Tx) error {
		for i := range n {
			login := fmt.Sprintf("client-%04d", i)
			c := account.Client{Login: login, Name: fmt.Sprintf("Customer %d", i), Email: login + "@example.com",
				Lang: "en", Rights: account.AllRights, Created: created}
			sub := account.Subscription{Domain: login + ".example", Client: login, Root: "/srv/" + login}
			for _, err := range []error{store.Put(tx, "clients", login, c), store.Put(tx, "subscriptions", sub.Domain, sub),
				store.Put(tx, "domains", sub.Domain, account.Domain{Name: sub.Domain, Subscription: sub.Domain, DocRoot: "httpdocs"})} {
				if err != nil {
					return err
				}
			}
		}
		for i := 1; i <= m; i++ {
			tk := tasks.Task{ID: fmt.Sprint(i), Kind: tasks.KindBackup, Client: fmt.Sprintf("client-%04d", i%n),
				Spec: []byte(`{"scope":"account","files":true,"storage":"server"}`), Status: tasks.Done,
				Created: created.Add(time.Duration(i) * time.Minute), Result: []byte(`{"entry":{"size":1048576}}`)}
			if err := store.Put(tx, "tasks", string(bin.BigEndian.AppendUint64(nil, uint64(i))), tk); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// loadTime opens path anew three times and returns the median time until sel shows.
func loadTime(t *testing.T, ctx context.Context, url, sel string) time.Duration {
	t.Helper()
	var times []time.Duration
	for range 3 {
		start := time.Now()
		do(t, ctx, "open "+url, chromedp.Navigate(url), ready(sel))
		times = append(times, time.Since(start))
	}
	slices.Sort(times)
	return times[1]
}

// The Clients and Tasks pages of a host with 2,000 clients and 50,000 tasks show their first
// page, and the search its rows; the times are logged (go test -v), not asserted.
func TestPanelListsOfAThousandsOfClientsAndTasks(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	fillStore(t, data, 2000, 50000)
	coffreCLI(t, data, "admin-password-1\n", "admin", "password")
	s := serveData(t, data)
	defer s.stop(t)
	ctx := newTab(t, "en-US", 120*time.Second)
	do(t, ctx, "log in", chromedp.Navigate(s.url+"/login"), ready("#login"),
		chromedp.SendKeys(chromedp.CSS("#login"), "admin"), chromedp.SendKeys(chromedp.CSS("#password"), "admin-password-1"),
		chromedp.Click(chromedp.CSS(`button[type="submit"]`)), ready("a.client-link"))

	clients := loadTime(t, ctx, s.url+"/clients", "#clients-pager a.client-link, a.client-link")
	must(t, eval[int](t, ctx, `document.querySelectorAll('a.client-link').length`) == 50, "the Clients page shows %d rows, want 50",
		eval[int](t, ctx, `document.querySelectorAll('a.client-link').length`))
	must(t, text(t, ctx, "#clients-pager [role=status]") == "Rows 1 to 50", "the pager reads %q", text(t, ctx, "#clients-pager [role=status]"))
	do(t, ctx, "type a search", chromedp.SendKeys(chromedp.CSS("#clients-q"), "customer 1999"))
	start := time.Now()
	do(t, ctx, "search a client", chromedp.Click(chromedp.CSS(`#clients-search button[type="submit"]`)))
	waitTrue(t, ctx, "one client found", `document.querySelectorAll('a.client-link').length === 1 && document.querySelector('a.client-link').textContent === 'Customer 1999'`)
	search := time.Since(start)
	shot(t, ctx, "admin-clients-2000-search")

	tasksPage := loadTime(t, ctx, s.url+"/tasks", ".task-list tbody tr")
	must(t, eval[int](t, ctx, `document.querySelectorAll('.task-list tbody tr').length`) == 50, "the Tasks page shows %d rows, want 50",
		eval[int](t, ctx, `document.querySelectorAll('.task-list tbody tr').length`))
	do(t, ctx, "next page", chromedp.Click(chromedp.CSS("#tasks-next")))
	waitTrue(t, ctx, "the second page", `document.querySelector('#tasks-pager [role=status]').textContent === 'Rows 51 to 100' &&
		document.querySelector('.task-list tbody tr a.task-link').textContent.endsWith('Task 49950')`)
	shot(t, ctx, "admin-tasks-50000")
	settings := loadTime(t, ctx, s.url+"/settings", "#smtp-form")
	t.Logf("with 2,000 clients and 50,000 tasks (medians of 3 loads, the wasm cached): Clients page %v, client search %v "+
		"(from the click), Tasks page %v; for scale, the Settings page (no list) %v", clients.Round(time.Millisecond),
		search.Round(time.Millisecond), tasksPage.Round(time.Millisecond), settings.Round(time.Millisecond))
}
