package app

import (
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// breakable is s with a break opportunity (<wbr>) before each "@" and ".": an e-mail address
// or a domain too long for its line wraps between its parts, never inside a word. A dash when
// s is empty.
func breakable(s string) app.UI {
	if s == "" {
		return orDash(s)
	}
	var parts []app.UI
	for {
		i := strings.IndexAny(s[1:], "@.") + 1
		if i == 0 {
			break
		}
		parts = append(parts, app.Text(s[:i]), app.Wbr())
		s = s[i:]
	}
	return app.Span().Body(append(parts, app.Text(s))...)
}
