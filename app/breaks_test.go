package app

import (
	"bytes"
	"strings"
	"testing"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

func TestBreakable(t *testing.T) {
	tests := map[string]string{
		"claire.dubois@acme.example": "<span>claire<wbr></wbr>.dubois<wbr></wbr>@acme<wbr></wbr>.example</span>",
		"plain":                      "<span>plain</span>",
		".x@":                        "<span>.x<wbr></wbr>@</span>",
	}
	for in, want := range tests {
		var b bytes.Buffer
		app.PrintHTML(&b, breakable(in))
		if got := strings.Join(strings.Fields(b.String()), ""); got != want {
			t.Errorf("breakable(%q) = %s, want %s", in, got, want)
		}
	}
}
