package api

import (
	"encoding/binary"
	"fmt"
	"slices"
	"testing"
	"time"

	"coffre/engine/account"
	"coffre/server/store"
	"coffre/server/tasks"
)

// fill writes n clients, each with a subscription and its domain, and m tasks spread over
// them, in one transaction (the buckets as server/store and server/tasks name them).
func fill(t *testing.T, st *store.Store, n, m int) {
	t.Helper()
	created := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	err := st.Update(func(tx *store.Tx) error {
		for i := range n {
			login := fmt.Sprintf("client-%04d", i)
			c := account.Client{Login: login, Name: fmt.Sprintf("Customer %d", i), Company: fmt.Sprintf("Company %d", i%97),
				Email: login + "@example.com", Lang: "en", Rights: account.AllRights, Created: created}
			sub := account.Subscription{Domain: login + ".example", Client: login, Root: "/srv/" + login}
			err := firstErr(store.Put(tx, "clients", login, c), store.Put(tx, "subscriptions", sub.Domain, sub),
				store.Put(tx, "domains", sub.Domain, account.Domain{Name: sub.Domain, Subscription: sub.Domain, DocRoot: "httpdocs"}))
			if err != nil {
				return err
			}
		}
		for i := 1; i <= m; i++ {
			tk := tasks.Task{ID: fmt.Sprint(i), Kind: tasks.KindBackup, Client: fmt.Sprintf("client-%04d", i%n),
				Spec: []byte(`{"scope":"account","files":true,"storage":"server"}`), Status: tasks.Done, Created: created.Add(time.Duration(i) * time.Minute)}
			if i%1000 == 0 {
				tk.Status, tk.Error = tasks.Failed, fmt.Sprintf("storage full at task %d", i)
			}
			if err := store.Put(tx, "tasks", string(binary.BigEndian.AppendUint64(nil, uint64(i))), tk); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// timed runs a GET five times and returns the last reply and the median time.
func (s *site) timed(path string, as reply) (reply, time.Duration) {
	var times []time.Duration
	var r reply
	for range 5 {
		start := time.Now()
		r = s.do("GET", path, "", as.cookie)
		times = append(times, time.Since(start))
	}
	slices.Sort(times)
	return r, times[2]
}

// With 2,000 clients and 50,000 tasks the lists answer one page, and the search finds the rows
// asked for. The times are logged (go test -v), not asserted: the machine may be busy.
func TestListsOfAThousandsOfClientsAndTasks(t *testing.T) {
	if testing.Short() {
		t.Skip("fills a large store")
	}
	s := newSite(t)
	fill(t, s.st, 2000, 50000)
	admin := reply{cookie: s.login("admin")}

	r, d := s.timed("/api/clients?limit=51", admin)
	list := decodeAs[[]account.ClientSummary](t, r)
	if len(list) != 51 || list[0].Login != "acme" || list[2].Login != "client-0000" || list[2].Subscriptions != 1 {
		t.Errorf("first page of clients: %d rows, %v", len(list), list[:min(3, len(list))])
	}
	t.Logf("GET /api/clients first page of 51 among 2,002: %v", d)
	r, d = s.timed("/api/clients?q=CUSTOMER%201999&limit=51", admin)
	if list := decodeAs[[]account.ClientSummary](t, r); len(list) != 1 || list[0].Login != "client-1999" {
		t.Errorf("search Customer 1999: %+v", list)
	}
	t.Logf("GET /api/clients search: %v", d)
	r, d = s.timed("/api/clients?offset=1950&limit=51", admin)
	if list := decodeAs[[]account.ClientSummary](t, r); len(list) != 51 || list[0].Login != "client-1948" {
		t.Errorf("page at 1950: %d rows from %v", len(list), list[0].Login)
	}
	t.Logf("GET /api/clients page at offset 1,950: %v", d)

	r, d = s.timed("/api/tasks?limit=51", admin)
	ts := decodeAs[[]tasks.Task](t, r)
	if len(ts) != 51 || ts[0].ID != "50000" || ts[50].ID != "49950" {
		t.Errorf("first page of tasks: %d rows from %s", len(ts), ts[0].ID)
	}
	t.Logf("GET /api/tasks first page of 51 among 50,000: %v", d)
	r, d = s.timed("/api/tasks?q=storage%20full&limit=51", admin)
	if ts := decodeAs[[]tasks.Task](t, r); len(ts) != 50 || ts[0].ID != "50000" || ts[49].ID != "1000" {
		t.Errorf("search storage full: %d rows", len(ts))
	}
	t.Logf("GET /api/tasks search through all 50,000: %v", d)
	r, d = s.timed("/api/tasks?q=client-0007&limit=51", admin)
	if ts := decodeAs[[]tasks.Task](t, r); len(ts) != 25 || ts[0].Client != "client-0007" {
		t.Errorf("search client-0007: %d rows", len(ts))
	}
	t.Logf("GET /api/tasks search by client: %v", d)
	r, d = s.timed("/api/tasks?offset=49990&limit=51", admin)
	if ts := decodeAs[[]tasks.Task](t, r); len(ts) != 10 || ts[9].ID != "1" {
		t.Errorf("last page of tasks: %d rows", len(ts))
	}
	t.Logf("GET /api/tasks last page: %v", d)
	_, d = s.timed("/api/tasks?limit=500", admin)
	t.Logf("GET /api/tasks page of 500: %v", d)
}
