package scan

import "strings"

// dirOf is the parent of a slash path relative to the root ("" for a top-level name).
func dirOf(rel string) string {
	if i := strings.LastIndexByte(rel, '/'); i >= 0 {
		return rel[:i]
	}
	return ""
}

func baseOf(rel string) string {
	return rel[strings.LastIndexByte(rel, '/')+1:]
}

// isUnder reports whether rel is dir or inside it.
func isUnder(rel, dir string) bool {
	return dir == "" || rel == dir || strings.HasPrefix(rel, dir) && rel[len(dir)] == '/'
}

// nextComponent is the child of cur on the way to rel (cur is an ancestor of rel).
func nextComponent(cur, rel string) string {
	start := 0
	if cur != "" {
		start = len(cur) + 1
	}
	if i := strings.IndexByte(rel[start:], '/'); i >= 0 {
		return rel[:start+i]
	}
	return rel
}
