package lock

import (
	"context"
	"errors"
	"testing"
	"time"
)

func TestClientExcludesASecondHolder(t *testing.T) {
	dir := t.TempDir()
	release, err := TryClient(dir, "acme")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := TryClient(dir, "acme"); !errors.Is(err, ErrBusy) {
		t.Fatalf("second TryClient: got %v, want ErrBusy", err)
	}
	other, err := TryClient(dir, "bistro")
	if err != nil {
		t.Fatalf("another client's lock: %v", err)
	}
	other()

	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	if _, err := Client(ctx, dir, "acme"); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("Client while held: got %v, want deadline exceeded", err)
	}
	release()
	again, err := Client(context.Background(), dir, "acme")
	if err != nil {
		t.Fatalf("Client after release: %v", err)
	}
	again()
}
