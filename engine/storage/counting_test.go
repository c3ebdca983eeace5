package storage_test

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"sync/atomic"
	"testing"

	"coffre/engine/storage"
)

func TestCountingReportsBytesPut(t *testing.T) {
	var reported atomic.Int64
	s := storage.NewCounting(storage.NewMem(), func(n int64) { reported.Add(n) })
	if _, err := s.Put(t.Context(), "a", bytes.NewReader(make([]byte, 3<<20))); err != nil {
		t.Fatal(err)
	}
	failing := io.MultiReader(strings.NewReader("12345"), &failReader{})
	if _, err := s.Put(t.Context(), "b", failing); err == nil {
		t.Fatal("Put with a failing reader succeeded")
	}
	const want = 3<<20 + 5
	if reported.Load() != want || s.PutBytes() != want {
		t.Fatalf("reported %d, PutBytes %d; want %d", reported.Load(), s.PutBytes(), want)
	}
	rc, err := s.Open(t.Context(), "a")
	if err != nil {
		t.Fatal(err)
	}
	rc.Close()
}

type failReader struct{}

func (failReader) Read([]byte) (int, error) { return 0, errors.New("broken") }
