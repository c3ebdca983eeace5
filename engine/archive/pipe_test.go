package archive

import (
	"bytes"
	"errors"
	"io"
	"testing"
)

// WriteTo hands on every slice written, in order, and ends with the writer's close.
func TestPipeWriteTo(t *testing.T) {
	p := newPipe()
	go func() {
		for _, s := range []string{"one ", "two ", "three"} {
			if _, err := p.Write([]byte(s)); err != nil {
				t.Error(err)
			}
		}
		p.CloseWrite(nil)
	}()
	var got bytes.Buffer
	n, err := p.WriteTo(&got)
	if err != nil || n != 13 || got.String() != "one two three" {
		t.Fatalf("WriteTo = %d, %v, %q", n, err, got.String())
	}
}

type failAfter struct{ n int }

func (f *failAfter) Write(p []byte) (int, error) {
	if f.n == 0 {
		return 0, errors.New("disk full")
	}
	f.n--
	return len(p), nil
}

// When the destination fails, WriteTo says so and the writer, once the reader is closed as a
// storage does, gets an error instead of waiting forever.
func TestPipeWriteToFailure(t *testing.T) {
	p := newPipe()
	done := make(chan error, 1)
	go func() {
		_, err := p.WriteTo(&failAfter{n: 1})
		p.CloseRead(errors.New("storage stopped reading"))
		done <- err
	}()
	if _, err := p.Write([]byte("stored")); err != nil {
		t.Fatalf("first write: %v", err)
	}
	if _, err := p.Write([]byte("lost")); err == nil {
		t.Fatal("second write succeeded after the destination failed")
	}
	if err := <-done; err == nil || errors.Is(err, io.EOF) {
		t.Fatalf("WriteTo = %v, want the destination's error", err)
	}
}
