package main

import (
	"archive/tar"
	"fmt"
	"io"
	"os"
	"strconv"
	"syscall"
	"time"

	"github.com/klauspost/compress/zstd"
)

func main() {
	c, _ := strconv.Atoi(os.Args[2])
	for range 3 {
		f, _ := os.Open(os.Args[1])
		var ru0 syscall.Rusage
		syscall.Getrusage(syscall.RUSAGE_SELF, &ru0)
		start := time.Now()
		zr, _ := zstd.NewReader(f, zstd.WithDecoderConcurrency(c), zstd.WithDecoderMaxWindow(64<<20))
		tr := tar.NewReader(zr)
		n := 0
		for {
			_, err := tr.Next()
			if err != nil {
				break
			}
			io.Copy(io.Discard, tr)
			n++
		}
		zr.Close()
		f.Close()
		var ru syscall.Rusage
		syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
		fmt.Printf("conc %d: %d entries wall %v cpu %v\n", c, n, time.Since(start), time.Duration(ru.Utime.Nano()+ru.Stime.Nano()-ru0.Utime.Nano()-ru0.Stime.Nano()))
	}
}
