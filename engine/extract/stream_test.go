package extract

import (
	"archive/tar"
	"bytes"
	"context"
	"errors"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
)

// bigBody is content larger than a small file, of a size that ends within a chunk.
func bigBody() string {
	b := make([]byte, 3*smallFile+12345)
	r := rand.New(rand.NewPCG(1, 2))
	for i := range b {
		b[i] = byte(r.IntN(256))
	}
	return string(b)
}

// Large files are written by a worker while the caller reads them, small ones around them,
// with any read-ahead allowance (smaller than one chunk too): every byte, mode and time lands,
// and a hard link to a large file links the whole file.
func TestLargeFiles(t *testing.T) {
	big := bigBody()
	for _, o := range []Options{{Workers: 1}, {}, {Workers: 2, Buffered: 1000}} {
		s := newSandbox(t)
		st, err := s.extract(t, o,
			ent{name: "a/small", body: "s1"},
			ent{name: "a/big", body: big, mode: 0o640},
			ent{name: "a/small2", body: "s2"},
			ent{name: "b/big", body: big[:smallFile+1]},
			ent{name: "b/link", typ: tar.TypeLink, link: "a/big"},
		)
		if err != nil {
			t.Fatalf("%+v: %v", o, err)
		}
		if st.Files != 4 || st.Links != 1 || st.Bytes != int64(len(big)+smallFile+1+4) {
			t.Errorf("%+v: stats %+v", o, st)
		}
		if s.read(t, "a/big") != big || s.read(t, "b/big") != big[:smallFile+1] || s.read(t, "a/small2") != "s2" {
			t.Errorf("%+v: content differs", o)
		}
		fi := lstat(t, filepath.Join(s.target, "a/big"))
		if fi.Mode() != 0o640 || !fi.ModTime().Equal(t0) {
			t.Errorf("%+v: a/big: %v %v", o, fi.Mode(), fi.ModTime())
		}
		if !os.SameFile(fi, lstat(t, filepath.Join(s.target, "b/link"))) {
			t.Errorf("%+v: b/link is not a/big", o)
		}
		assertNoTemp(t, s.target)
		s.untouched(t)
	}
}

// A large file whose content ends early (a cut archive) or whose restore is cancelled while
// it is written is never given its name: no part of it is left, under any name.
func TestLargeFileCut(t *testing.T) {
	big := bigBody()
	arch := tarOf(t, ent{name: "before", body: "b"}, ent{name: "big", body: big})
	cut := arch[:len(arch)-1024-len(big)/2-300] // within big's content
	for _, workers := range []int{1, 0} {
		s := newSandbox(t)
		_, err := Extract(context.Background(), bytes.NewReader(cut), s.target, Options{Workers: workers})
		if !errors.Is(err, io.ErrUnexpectedEOF) {
			t.Errorf("workers %d: cut archive: %v", workers, err)
		}
		if _, err := os.Lstat(filepath.Join(s.target, "big")); !os.IsNotExist(err) {
			t.Errorf("workers %d: big left behind: %v", workers, err)
		}
		assertNoTemp(t, s.target)

		s = newSandbox(t)
		ctx, cancel := context.WithCancel(context.Background())
		r := &cancelAfter{r: bytes.NewReader(arch), n: int64(len(arch) / 2), cancel: cancel}
		_, err = Extract(ctx, r, s.target, Options{Workers: workers})
		if !errors.Is(err, context.Canceled) {
			t.Errorf("workers %d: cancelled: %v", workers, err)
		}
		if _, err := os.Lstat(filepath.Join(s.target, "big")); !os.IsNotExist(err) {
			t.Errorf("workers %d: big left behind after cancel: %v", workers, err)
		}
		assertNoTemp(t, s.target)
	}
}

// cancelAfter cancels its context once n bytes have been read.
type cancelAfter struct {
	r      io.Reader
	n      int64
	cancel func()
}

func (c *cancelAfter) Read(p []byte) (int, error) {
	k, err := c.r.Read(p)
	if c.n -= int64(k); c.n <= 0 {
		c.cancel()
	}
	return k, err
}
