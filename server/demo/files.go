package demo

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"math/rand/v2"
	"os"
	"path/filepath"
)

// tree writes files under root, keeping the first error; later calls do nothing after one.
type tree struct {
	root string
	rnd  *rand.Rand
	err  error
}

func newTree(root, seed string) *tree {
	var s [32]byte
	copy(s[:], seed)
	return &tree{root: root, rnd: rand.New(rand.NewChaCha8(s))}
}

func (t *tree) dir(rel string) {
	if t.err == nil {
		t.err = os.MkdirAll(filepath.Join(t.root, filepath.FromSlash(rel)), 0o755)
	}
}

func (t *tree) file(rel string, data []byte) {
	if t.err != nil {
		return
	}
	p := filepath.Join(t.root, filepath.FromSlash(rel))
	if t.err = os.MkdirAll(filepath.Dir(p), 0o755); t.err == nil {
		t.err = os.WriteFile(p, data, 0o644)
	}
}

func (t *tree) text(rel, s string) { t.file(rel, []byte(s)) }

func (t *tree) symlink(rel, target string) {
	if t.err == nil {
		t.err = os.Symlink(target, filepath.Join(t.root, filepath.FromSlash(rel)))
	}
}

// pick returns one of the choices.
func (t *tree) pick(choices ...string) string { return choices[t.rnd.IntN(len(choices))] }

// png returns a real PNG image of size×size pixels, a gradient of a random hue.
func (t *tree) png(size int) []byte {
	var b bytes.Buffer
	png.Encode(&b, t.image(size))
	return b.Bytes()
}

// jpeg returns a real JPEG image of w×h pixels.
func (t *tree) jpeg(size int) []byte {
	var b bytes.Buffer
	jpeg.Encode(&b, t.image(size), &jpeg.Options{Quality: 70})
	return b.Bytes()
}

func (t *tree) image(size int) image.Image {
	img := image.NewRGBA(image.Rect(0, 0, size, size))
	r, g, bl := uint8(t.rnd.IntN(256)), uint8(t.rnd.IntN(256)), uint8(t.rnd.IntN(256))
	for y := range size {
		for x := range size {
			img.Set(x, y, color.RGBA{r + uint8(x*4), g + uint8(y*4), bl + uint8((x+y)*2), 255})
		}
	}
	return img
}

// gz returns data compressed with gzip, like a rotated log.
func gz(data []byte) []byte {
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	w.Write(data)
	w.Close()
	return b.Bytes()
}

func (t *tree) ip() string {
	nets := []string{"192.0.2", "198.51.100", "203.0.113"}
	return fmt.Sprintf("%s.%d", nets[t.rnd.IntN(3)], 1+t.rnd.IntN(254))
}
