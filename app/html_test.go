package app

import (
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// go-app writes attributes in map order: tests look for elements by their attributes instead of
// comparing text.

var (
	startTag = regexp.MustCompile(`<([a-zA-Z][a-zA-Z0-9]*)((?:\s+[^\s=>/]+(?:="(?:[^"\\]|\\.)*")?)*)\s*/?>`)
	attrPair = regexp.MustCompile(`([^\s=>/]+)(?:="((?:[^"\\]|\\.)*)")?`)
)

// element is one start tag of a page.
type element struct {
	name  string
	attrs map[string]string
}

func elements(html string) []element {
	var out []element
	for _, m := range startTag.FindAllStringSubmatch(html, -1) {
		e := element{name: m[1], attrs: map[string]string{}}
		for _, a := range attrPair.FindAllStringSubmatch(m[2], -1) {
			v, err := strconv.Unquote(`"` + a[2] + `"`)
			if err != nil {
				v = a[2]
			}
			e.attrs[a[1]] = v
		}
		out = append(out, e)
	}
	return out
}

// hasElement reports whether html has a name element with every attribute of kv (pairs of name
// and value; the value "*" means present with any value).
func hasElement(html, name string, kv ...string) bool {
	for _, e := range elements(html) {
		if e.name == name && matches(e, kv) {
			return true
		}
	}
	return false
}

func matches(e element, kv []string) bool {
	for i := 0; i+1 < len(kv); i += 2 {
		v, ok := e.attrs[kv[i]]
		if !ok || (kv[i+1] != "*" && v != kv[i+1]) {
			return false
		}
	}
	return true
}

func mustHaveElement(t *testing.T, where, html, name string, kv ...string) {
	t.Helper()
	if !hasElement(html, name, kv...) {
		t.Errorf("%s: no <%s %s> in\n%s", where, name, strings.Join(kv, " "), html)
	}
}

func TestHasElement(t *testing.T) {
	html := `<div class="a b"><a aria-current="page" href="/x?y=1">x</a><button disabled type="button"></div>`
	if !hasElement(html, "a", "href", "/x?y=1", "aria-current", "page") || !hasElement(html, "button", "disabled", "*") {
		t.Error("elements not found")
	}
	if hasElement(html, "a", "href", "/x") || hasElement(html, "button", "aria-current", "*") {
		t.Error("found elements that are not there")
	}
}
