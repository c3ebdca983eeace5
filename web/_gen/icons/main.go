// Command icons draws the panel's icons into web/: icon.svg and the PNG icons 192 and 512 px
// that the PWA manifest lists. Run from the module root: go run ./web/_gen/icons
package main

import (
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math"
	"os"
	"path/filepath"
)

// The icon is drawn on a 512-unit square: a safe ("coffre") with its dial, white on blue.
const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512">
<rect width="512" height="512" rx="96" fill="#1d5bb8"/>
<g fill="none" stroke="#fff" stroke-linecap="round">
<rect x="96" y="112" width="320" height="288" rx="28" stroke-width="24"/>
<circle cx="256" cy="256" r="72" stroke-width="22"/>
<path d="M256 198v116M198 256h116" stroke-width="14"/>
</g>
<g fill="#fff">
<circle cx="256" cy="256" r="18"/>
<rect x="136" y="412" width="48" height="24" rx="6"/>
<rect x="328" y="412" width="48" height="24" rx="6"/>
</g>
</svg>
`

var (
	blue  = color.NRGBA{0x1d, 0x5b, 0xb8, 0xff}
	white = color.NRGBA{0xff, 0xff, 0xff, 0xff}
)

func main() {
	dir := "web"
	if len(os.Args) > 1 {
		dir = os.Args[1]
	}
	if err := write(dir); err != nil {
		fmt.Fprintln(os.Stderr, "icons:", err)
		os.Exit(1)
	}
}

func write(dir string) error {
	if err := os.WriteFile(filepath.Join(dir, "icon.svg"), []byte(svg), 0o644); err != nil {
		return err
	}
	for _, size := range []int{192, 512} {
		if err := writePNG(filepath.Join(dir, fmt.Sprintf("icon-%d.png", size)), size); err != nil {
			return err
		}
	}
	return nil
}

func writePNG(name string, size int) error {
	f, err := os.Create(name)
	if err != nil {
		return err
	}
	if err := png.Encode(f, draw(size)); err != nil {
		f.Close()
		return fmt.Errorf("encode %s: %w", name, err)
	}
	return f.Close()
}

// draw renders the icon at size×size, 4×4 samples per pixel.
func draw(size int) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, size, size))
	const n = 4
	scale := 512 / float64(size)
	for y := 0; y < size; y++ {
		for x := 0; x < size; x++ {
			var bg, fg float64
			for sy := 0; sy < n; sy++ {
				for sx := 0; sx < n; sx++ {
					px := (float64(x) + (float64(sx)+0.5)/n) * scale
					py := (float64(y) + (float64(sy)+0.5)/n) * scale
					if roundRect(px, py, 256, 256, 256, 256, 96) <= 0 {
						bg++
						if foreground(px, py) {
							fg++
						}
					}
				}
			}
			img.SetNRGBA(x, y, mix(bg/(n*n), fg/(n*n)))
		}
	}
	return img
}

// mix is the pixel colour for the covered fractions of background and white foreground.
func mix(bg, fg float64) color.NRGBA {
	if bg == 0 {
		return color.NRGBA{}
	}
	t := fg / bg
	c := func(a, b uint8) uint8 { return uint8(math.Round(float64(a)*(1-t) + float64(b)*t)) }
	return color.NRGBA{c(blue.R, white.R), c(blue.G, white.G), c(blue.B, white.B), uint8(math.Round(bg * 255))}
}

// foreground reports whether the point is on the white drawing (same shapes as the SVG).
func foreground(x, y float64) bool {
	switch {
	case math.Abs(roundRect(x, y, 256, 256, 160, 144, 28)) <= 12: // the door
	case math.Abs(math.Hypot(x-256, y-256)-72) <= 11: // the dial
	case segment(x, y, 256, 198, 256, 314) <= 7, segment(x, y, 198, 256, 314, 256) <= 7:
	case math.Hypot(x-256, y-256) <= 18:
	case roundRect(x, y, 160, 424, 24, 12, 6) <= 0, roundRect(x, y, 352, 424, 24, 12, 6) <= 0: // the feet
	default:
		return false
	}
	return true
}

// roundRect is the signed distance to a rectangle of centre (cx, cy), half sizes (hx, hy) and
// corner radius r.
func roundRect(x, y, cx, cy, hx, hy, r float64) float64 {
	qx := math.Abs(x-cx) - (hx - r)
	qy := math.Abs(y-cy) - (hy - r)
	out := math.Hypot(math.Max(qx, 0), math.Max(qy, 0))
	return out + math.Min(math.Max(qx, qy), 0) - r
}

// segment is the distance from a point to the segment (ax, ay)-(bx, by).
func segment(x, y, ax, ay, bx, by float64) float64 {
	dx, dy := bx-ax, by-ay
	t := ((x-ax)*dx + (y-ay)*dy) / (dx*dx + dy*dy)
	t = math.Max(0, math.Min(1, t))
	return math.Hypot(x-ax-t*dx, y-ay-t*dy)
}
