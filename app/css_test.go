package app

import (
	"fmt"
	"math"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// The stylesheet's colour pairs meet WCAG AA (4.5:1 for text) in light and in dark.
func TestStylesheetContrast(t *testing.T) {
	css, err := os.ReadFile("../web/coffre.css")
	if err != nil {
		t.Fatal(err)
	}
	light, dark := cssColours(t, string(css))
	// text colour, background colour: every pair coffre.css puts together.
	pairs := [][2]string{
		{"--text", "--bg"}, {"--text", "--surface"}, {"--text", "--surface-2"},
		{"--muted", "--bg"}, {"--muted", "--surface"}, {"--muted", "--surface-2"},
		{"--primary", "--surface"}, {"--primary", "--bg"}, {"--primary", "--primary-soft"},
		{"--on-primary", "--primary"}, {"--on-primary", "--primary-hover"}, {"--primary-hover", "--surface"},
		{"--banner-text", "--banner-bg"}, {"--text", "--danger-soft"}, {"--ok", "--ok-soft"},
		{"--danger", "--surface"}, {"--danger", "--danger-soft"}, {"--ok", "--surface"}, {"--text", "--primary-soft"},
	}
	for name, colours := range map[string]map[string]string{"light": light, "dark": dark} {
		for _, p := range pairs {
			fg, bg := colours[p[0]], colours[p[1]]
			if fg == "" || bg == "" {
				t.Errorf("%s: %s or %s is not set", name, p[0], p[1])
				continue
			}
			if r := contrast(t, fg, bg); r < 4.5 {
				t.Errorf("%s: %s (%s) on %s (%s) has a contrast of %.2f, under 4.5", name, p[0], fg, p[1], bg, r)
			}
		}
	}
}

var customProperty = regexp.MustCompile(`(--[a-z0-9-]+):\s*(#[0-9a-fA-F]{6})\s*;`)

// cssColours reads the colour custom properties of :root, and of :root under
// prefers-color-scheme: dark (which override the light ones).
func cssColours(t *testing.T, css string) (light, dark map[string]string) {
	i := strings.Index(css, "@media (prefers-color-scheme: dark)")
	if i < 0 {
		t.Fatal("coffre.css has no dark scheme")
	}
	light, dark = map[string]string{}, map[string]string{}
	for _, m := range customProperty.FindAllStringSubmatch(css[:i], -1) {
		light[m[1]] = m[2]
	}
	for k, v := range light {
		dark[k] = v
	}
	end := strings.Index(css[i:], "\n}\n")
	for _, m := range customProperty.FindAllStringSubmatch(css[i:i+end], -1) {
		dark[m[1]] = m[2]
	}
	return light, dark
}

// contrast is the WCAG 2 contrast ratio of two #rrggbb colours.
func contrast(t *testing.T, a, b string) float64 {
	la, lb := luminance(t, a), luminance(t, b)
	return (math.Max(la, lb) + 0.05) / (math.Min(la, lb) + 0.05)
}

func luminance(t *testing.T, hex string) float64 {
	var rgb [3]float64
	for i := range rgb {
		v, err := strconv.ParseUint(hex[1+2*i:3+2*i], 16, 8)
		if err != nil {
			t.Fatalf("colour %s: %v", hex, err)
		}
		c := float64(v) / 255
		if c <= 0.04045 {
			rgb[i] = c / 12.92
		} else {
			rgb[i] = math.Pow((c+0.055)/1.055, 2.4)
		}
	}
	return 0.2126*rgb[0] + 0.7152*rgb[1] + 0.0722*rgb[2]
}

func TestContrastFormula(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		want float64
	}{{"#000000", "#ffffff", 21}, {"#ffffff", "#ffffff", 1}, {"#767676", "#ffffff", 4.54}} {
		if got := contrast(t, tt.a, tt.b); fmt.Sprintf("%.2f", got) != fmt.Sprintf("%.2f", tt.want) {
			t.Errorf("contrast(%s, %s) = %.2f, want %.2f", tt.a, tt.b, got, tt.want)
		}
	}
}
