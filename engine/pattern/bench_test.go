package pattern

import (
	"strconv"
	"testing"
)

// benchPaths looks like a webspace: a few directories deep, mostly small files.
func benchPaths() []string {
	dirs := []string{"httpdocs", "httpdocs/wp-content/uploads/2024/05", "httpdocs/wp-includes/js",
		"private", "httpdocs/wp-content/cache/page_enhanced/example.com", "logs"}
	var out []string
	for i := range 1000 {
		out = append(out, dirs[i%len(dirs)]+"/file-"+strconv.Itoa(i)+".php")
	}
	return out
}

func BenchmarkMatch(b *testing.B) {
	s := mustCompile(b, "/httpdocs/wp-content/cache\n**/tmp\n**/*.log\n/private/*/sessions\nhttpdocs/**/node_modules")
	paths := benchPaths()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		s.Match(paths[i%len(paths)])
	}
}

func TestMatchDoesNotAllocate(t *testing.T) {
	s := mustCompile(t, "/httpdocs/cache\n**/tmp\n**/*.log\na**b/*/c")
	paths := benchPaths()
	if n := testing.AllocsPerRun(100, func() {
		for _, p := range paths[:50] {
			s.Match(p)
		}
	}); n != 0 {
		t.Errorf("Match allocates %v times per 50 paths", n)
	}
}
