package main

import (
	"compress/gzip"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/andybalholm/brotli"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: precompress FILE")
		os.Exit(2)
	}
	if err := precompress(os.Args[1]); err != nil {
		fmt.Fprintln(os.Stderr, "precompress:", err)
		os.Exit(1)
	}
}

func precompress(name string) error {
	data, err := os.ReadFile(name)
	if err != nil {
		return err
	}
	br := func(w io.Writer) io.WriteCloser { return brotli.NewWriterLevel(w, brotli.BestCompression) }
	gz := func(w io.Writer) io.WriteCloser {
		z, _ := gzip.NewWriterLevel(w, gzip.BestCompression)
		return z
	}
	for ext, newWriter := range map[string]func(io.Writer) io.WriteCloser{".br": br, ".gz": gz} {
		size, err := writeCompressed(name+ext, data, newWriter)
		if err != nil {
			return fmt.Errorf("write %s%s: %w", name, ext, err)
		}
		fmt.Printf("%s%s: %d bytes (raw %d)\n", name, ext, size, len(data))
	}
	return nil
}

// writeCompressed writes data compressed to a temporary file, then renames it to name.
func writeCompressed(name string, data []byte, newWriter func(io.Writer) io.WriteCloser) (int64, error) {
	tmp, err := os.CreateTemp(filepath.Dir(name), ".precompress-*")
	if err != nil {
		return 0, err
	}
	defer os.Remove(tmp.Name())
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		return 0, err
	}
	z := newWriter(tmp)
	if _, err := z.Write(data); err != nil {
		tmp.Close()
		return 0, err
	}
	if err := z.Close(); err != nil {
		tmp.Close()
		return 0, err
	}
	info, err := tmp.Stat()
	if err != nil {
		tmp.Close()
		return 0, err
	}
	if err := tmp.Close(); err != nil {
		return 0, err
	}
	return info.Size(), os.Rename(tmp.Name(), name)
}
