package ftp_test

import (
	"errors"
	"fmt"
	"net"
	"net/netip"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"coffre/engine/storage"
	"coffre/engine/storage/ftp"
	"coffre/engine/storage/ftp/ftptest"
)

// A guard that refuses an address stops the connection before it is made: the listener there
// never sees it, the error is not retried, and the connection test says the connect step failed.
func TestGuardRefusesBeforeConnecting(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	var accepted atomic.Int32
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			accepted.Add(1)
			c.Close()
		}
	}()
	var (
		mu    sync.Mutex
		asked []netip.Addr
	)
	cfg := ftp.Config{Host: "localhost", Port: l.Addr().(*net.TCPAddr).Port, User: "a", Password: "b", Timeout: time.Second,
		Guard: func(a netip.Addr) error {
			mu.Lock()
			asked = append(asked, a)
			mu.Unlock()
			return fmt.Errorf("%s is this host", a)
		}}
	_, err = ftp.New(t.Context(), cfg)
	if !errors.Is(err, ftp.ErrAddressRefused) || storage.IsTransient(err) {
		t.Fatalf("New: %v, want a permanent ErrAddressRefused", err)
	}
	rep := ftp.Test(t.Context(), cfg)
	if len(rep.Steps) != 1 || rep.Steps[0].Step != ftp.StepConnect || !errors.Is(rep.Steps[0].Err, ftp.ErrAddressRefused) {
		t.Fatalf("Test: %+v, want the connect step refused", rep.Steps)
	}
	if n := accepted.Load(); n != 0 {
		t.Fatalf("the listener accepted %d connections", n)
	}
	if len(asked) == 0 || !asked[0].IsLoopback() {
		t.Fatalf("the guard was asked about %v, want the resolved loopback address", asked)
	}
}

// A guard that lets the address through changes nothing: every step of the test passes, and the
// data connections were asked about too.
func TestGuardAllowsWhatItLetsThrough(t *testing.T) {
	srv := ftptest.NewServer(t, ftptest.Options{})
	var asked atomic.Int32
	cfg := srv.Config
	cfg.Guard = func(netip.Addr) error { asked.Add(1); return nil }
	if rep := ftp.Test(t.Context(), cfg); !rep.OK() {
		t.Fatalf("Test: %+v", rep.Steps)
	}
	if asked.Load() < 2 {
		t.Fatalf("the guard was asked %d times, want the control and the data connections", asked.Load())
	}
}
