package storage_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"math/rand/v2"
	"testing"
	"time"

	"coffre/engine/storage"
	"coffre/engine/storage/storagetest"
)

func TestRetryConformance(t *testing.T) {
	storagetest.Run(t, func(t *testing.T) storage.Storage {
		return storage.NewRetry(storage.NewMem(), storage.RetryOptions{StageDir: t.TempDir(), Sleep: noSleep})
	})
}

func noSleep(ctx context.Context, d time.Duration) error { return ctx.Err() }

// sleeps records the waits asked, without waiting.
type sleeps []time.Duration

func (s *sleeps) sleep(ctx context.Context, d time.Duration) error {
	*s = append(*s, d)
	return ctx.Err()
}

// onlyReader hides every method but Read, as a pipe from the archive writer would.
type onlyReader struct{ r io.Reader }

func (o onlyReader) Read(p []byte) (int, error) { return o.r.Read(p) }

func randomBytes(n int) []byte {
	b := make([]byte, n)
	rand.NewChaCha8([32]byte{1}).Read(b)
	return b
}

func TestRetryResendsFromStageWithBackoff(t *testing.T) {
	mem := storage.NewMem()
	cut := storage.Transient(errors.New("426 connection closed; transfer aborted"))
	f := storage.NewFaulty(mem,
		storage.Fault{Op: storage.OpPut, Call: 1, AfterBytes: 3 << 20, Err: cut},
		storage.Fault{Op: storage.OpPut, Call: 2, AfterBytes: 1 << 20, Err: cut})
	var waits sleeps
	r := storage.NewRetry(f, storage.RetryOptions{StageDir: t.TempDir(), StageBytes: 8 << 20, Sleep: waits.sleep})
	data := randomBytes(5 << 20)
	n, err := r.Put(t.Context(), "n.tar.zst.001", onlyReader{bytes.NewReader(data)})
	if err != nil || n != int64(len(data)) {
		t.Fatalf("Put = %d, %v", n, err)
	}
	if got := f.Calls(storage.OpPut); got != 3 {
		t.Errorf("%d puts, want 3 (two cuts, then the whole volume from the stage)", got)
	}
	if want := []time.Duration{2 * time.Second, 4 * time.Second}; !equalDurations(waits, want) {
		t.Errorf("waits %v, want %v", waits, want)
	}
	if peak := r.StagedPeak(); peak != int64(len(data)) {
		t.Errorf("staged peak %d, want the volume, %d", peak, len(data))
	}
	rc, _ := mem.Open(t.Context(), "n.tar.zst.001")
	got, _ := io.ReadAll(rc)
	if !bytes.Equal(got, data) {
		t.Fatal("stored object differs from the one sent")
	}
}

func equalDurations(a, b []time.Duration) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestRetryStopsAtPermanentErrors(t *testing.T) {
	full := errors.New("552 disk full")
	f := storage.NewFaulty(storage.NewMem(), storage.Fault{Op: storage.OpPut, AfterBytes: 10, Err: full},
		storage.Fault{Op: storage.OpList, Err: full})
	var waits sleeps
	r := storage.NewRetry(f, storage.RetryOptions{StageDir: t.TempDir(), Sleep: waits.sleep})
	if _, err := r.Put(t.Context(), "a", onlyReader{bytes.NewReader(make([]byte, 100))}); !errors.Is(err, full) {
		t.Fatalf("Put: %v, want the server's error", err)
	}
	if _, err := r.List(t.Context(), ""); !errors.Is(err, full) {
		t.Fatalf("List: %v", err)
	}
	if f.Calls(storage.OpPut) != 1 || f.Calls(storage.OpList) != 1 || len(waits) != 0 {
		t.Fatalf("permanent errors retried: %d puts, %d lists, waits %v", f.Calls(storage.OpPut), f.Calls(storage.OpList), waits)
	}
}

func TestRetryBoundedAndCancellable(t *testing.T) {
	busy := storage.Transient(errors.New("421 too many connections"))
	f := storage.NewFaulty(storage.NewMem(), storage.Fault{Op: storage.OpStat, Err: busy})
	var waits sleeps
	r := storage.NewRetry(f, storage.RetryOptions{Attempts: 3, Backoff: time.Second, MaxBackoff: 90 * time.Second, Sleep: waits.sleep})
	if _, err := r.Stat(t.Context(), "x"); !storage.IsTransient(err) {
		t.Fatalf("Stat: %v, want the transient error after the last attempt", err)
	}
	if f.Calls(storage.OpStat) != 3 || len(waits) != 2 {
		t.Fatalf("%d stats, %d waits; want 3 and 2", f.Calls(storage.OpStat), len(waits))
	}
	ctx, cancel := context.WithCancel(t.Context())
	r = storage.NewRetry(f, storage.RetryOptions{Sleep: func(context.Context, time.Duration) error {
		cancel()
		return context.Canceled
	}})
	before := f.Calls(storage.OpStat)
	if _, err := r.Stat(ctx, "x"); err == nil {
		t.Fatal("Stat succeeded")
	}
	if got := f.Calls(storage.OpStat) - before; got != 1 {
		t.Fatalf("%d stats after a cancel during the wait, want 1", got)
	}
}

func TestRetryCannotResendPastTheStage(t *testing.T) {
	cut := storage.Transient(errors.New("connection reset"))
	f := storage.NewFaulty(storage.NewMem(), storage.Fault{Op: storage.OpPut, Call: 1, AfterBytes: 3 << 20, Err: cut})
	r := storage.NewRetry(f, storage.RetryOptions{StageDir: t.TempDir(), StageBytes: 1 << 20, Sleep: noSleep})
	_, err := r.Put(t.Context(), "big", onlyReader{bytes.NewReader(make([]byte, 4<<20))})
	if !errors.Is(err, cut) || f.Calls(storage.OpPut) != 1 {
		t.Fatalf("Put: %v after %d puts; want the cut, once: the start is no longer staged", err, f.Calls(storage.OpPut))
	}
	if peak := r.StagedPeak(); peak != 1<<20 {
		t.Fatalf("staged peak %d, want the 1 MiB bound", peak)
	}
}
