package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"time"
)

// The small-files tree: one webspace whose httpdocs/cache holds n files of 0 to 4 KiB of text
// (a CMS's page cache, thumbnails' metadata, sessions), a thousand per folder. What costs is
// the number of files, not their bytes. Generated once beside a stamp, and kept.
const (
	smallSite     = "many.example"
	smallPerDir   = 1000
	smallMaxBytes = 4096
	smallVersion  = 1
)

var smallTime = time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC)

// smallSize is the size of file i: the same for every run.
func smallSize(i int) int { return int(uint64(i) * 2654435761 % uint64(smallMaxBytes+1)) }

// smallBytes is the tree's total of file bytes.
func smallBytes(n int) int64 {
	var t int64
	for i := range n {
		t += int64(smallSize(i))
	}
	return t
}

func smallPath(dir string, i int) string {
	return filepath.Join(dir, smallSite, "httpdocs", "cache", fmt.Sprintf("d%04d", i/smallPerDir), fmt.Sprintf("p%07d.html", i))
}

type smallStamp struct{ Version, Files int }

// ensureSmall makes dir hold the small-files tree of n files, unless its stamp says it does.
func ensureSmall(dir string, n int) error {
	want := smallStamp{smallVersion, n}
	stamp := dir + ".stamp.json"
	var got smallStamp
	if b, err := os.ReadFile(stamp); err == nil && json.Unmarshal(b, &got) == nil && got == want {
		return nil
	}
	if err := os.Remove(stamp); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	if err := os.RemoveAll(dir); err != nil {
		return err
	}
	if err := writeSmall(dir, n); err != nil {
		return fmt.Errorf("small-files tree: %w", err)
	}
	b, _ := json.Marshal(want)
	return os.WriteFile(stamp, b, 0o644)
}

// writeSmall writes the n files, one folder per worker at a time.
func writeSmall(dir string, n int) error {
	dirs := (n + smallPerDir - 1) / smallPerDir
	next := make(chan int)
	errs := make(chan error, runtime.NumCPU())
	var wg sync.WaitGroup
	for range cap(errs) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for d := range next {
				if err := writeSmallDir(dir, d, min(n, (d+1)*smallPerDir)); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	var err error
	for d := 0; d < dirs && err == nil; d++ {
		select {
		case next <- d:
		case err = <-errs:
		}
	}
	close(next)
	wg.Wait()
	close(errs)
	return errors.Join(err, <-errs)
}

// writeSmallDir writes files d*smallPerDir up to end, then sets the folders' mtimes.
func writeSmallDir(dir string, d, end int) error {
	folder := filepath.Dir(smallPath(dir, d*smallPerDir))
	if err := os.MkdirAll(folder, 0o755); err != nil {
		return err
	}
	r := rand.New(rand.NewPCG(uint64(d), smallVersion))
	buf := make([]byte, 0, smallMaxBytes+64)
	for i := d * smallPerDir; i < end; i++ {
		buf = smallText(r, buf[:0], smallSize(i))
		p := smallPath(dir, i)
		if err := os.WriteFile(p, buf, 0o644); err != nil {
			return err
		}
		if err := os.Chtimes(p, smallTime, smallTime); err != nil {
			return err
		}
	}
	return nil
}

var smallWords = []string{"<div class=\"post\">", "</div>\n", "<p>", "</p>\n", "the", "cache", "page", "user",
	"session", "value", "title", "content", "<a href=\"/blog/", "\">", "</a>", "2024", "comment", "shop",
	"product", "price", "cart", "image", "thumb", "width", "height", "alt", "lorem", "ipsum", "data"}

// smallText appends n bytes of HTML-like text (about 4x compressible, as a page cache is).
func smallText(r *rand.Rand, b []byte, n int) []byte {
	for len(b) < n {
		w := smallWords[r.IntN(len(smallWords))]
		if r.IntN(4) == 0 {
			b = fmt.Appendf(b, "%d", r.IntN(100000))
		}
		b = append(append(b, w...), ' ')
	}
	return b[:n]
}
