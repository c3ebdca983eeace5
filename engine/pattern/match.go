package pattern

import "strings"

// A compiled pattern is its text cut at every "**": a first chunk anchored at the start of the
// path, then steps, each a "**" followed by a chunk. Chunks hold only literal bytes and "*", and
// are cut at "/" into pieces, each matched within one path component, so matching never uses a
// regexp and never allocates.
//
// Since "**" matches anything, placing each middle chunk where it ends soonest is always right
// (a later end only leaves less path for what follows); only the last chunk must end at a
// component boundary. This keeps matching polynomial whatever the pattern.
type compiled struct {
	text  string
	first chunk
	steps []step
}

// step is a "**" and the chunk after it. dir is a "**" that is a whole component followed by "/"
// (that slash is part of the step): the chunk then starts at a component boundary.
type step struct {
	dir   bool
	chunk chunk
}

// chunk is a run of pattern between "**"s, cut at "/".
type chunk []piece

// piece is one component's worth of pattern, cut at "*": parts[0] must start it, the last part
// must end it, the parts between appear in order. A single part is a literal.
type piece []string

func compile(norm string) compiled {
	var texts []string
	var dirs []bool
	start := 0
	for i := 0; i+1 < len(norm); i++ {
		if norm[i] != '*' || norm[i+1] != '*' {
			continue
		}
		dir := (i == 0 || norm[i-1] == '/') && i+2 < len(norm) && norm[i+2] == '/'
		texts, dirs = append(texts, norm[start:i]), append(dirs, dir)
		start = i + 2
		if dir {
			start++
		}
		i = start - 1
	}
	texts = append(texts, norm[start:])
	c := compiled{text: norm, first: newChunk(texts[0])}
	for k, dir := range dirs {
		c.steps = append(c.steps, step{dir: dir, chunk: newChunk(texts[k+1])})
	}
	return c
}

func newChunk(s string) chunk {
	var ch chunk
	for comp := range strings.SplitSeq(s, "/") {
		ch = append(ch, strings.Split(comp, "*"))
	}
	return ch
}

// match reports whether the pattern matches rel or one of its ancestors.
func (c *compiled) match(rel string) bool {
	if len(c.steps) == 0 {
		return c.first.atBoundary(rel, 0)
	}
	end, ok := c.first.soonest(rel, 0)
	if !ok {
		return false
	}
	last := len(c.steps) - 1
	for i := range last {
		if end, ok = c.steps[i].soonest(rel, end); !ok {
			return false
		}
	}
	return c.steps[last].anyAtBoundary(rel, end)
}

// next returns the first place at or after p where the step's chunk may start, or -1.
func (st *step) next(rel string, p int) int {
	if p > len(rel) {
		return -1
	}
	if st.dir {
		if p == 0 || rel[p-1] == '/' {
			return p
		}
		k := strings.IndexByte(rel[p:], '/')
		if k < 0 {
			return -1
		}
		return p + k + 1
	}
	if lead := st.chunk[0][0]; lead != "" {
		k := strings.Index(rel[p:], lead)
		if k < 0 {
			return -1
		}
		return p + k
	}
	return p
}

// soonest places the step's chunk after from so that it ends as soon as possible.
func (st *step) soonest(rel string, from int) (int, bool) {
	best := -1
	for p := st.next(rel, from); p >= 0 && (best < 0 || p < best); p = st.next(rel, p+1) {
		if q, ok := st.chunk.soonest(rel, p); ok && (best < 0 || q < best) {
			best = q
		}
	}
	return best, best >= 0
}

// anyAtBoundary reports whether the step's chunk can start after from and end at a boundary.
func (st *step) anyAtBoundary(rel string, from int) bool {
	for p := st.next(rel, from); p >= 0; p = st.next(rel, p+1) {
		if st.chunk.atBoundary(rel, p) {
			return true
		}
	}
	return false
}

// atBoundary reports whether the chunk matches rel from p to the end of a component.
func (ch chunk) atBoundary(rel string, p int) bool {
	for i, pc := range ch {
		end := componentEnd(rel, p)
		if !pc.whole(rel[p:end]) {
			return false
		}
		if i < len(ch)-1 {
			if end == len(rel) {
				return false
			}
			p = end + 1
		}
	}
	return true
}

// soonest matches the chunk from p and returns where the shortest match ends.
func (ch chunk) soonest(rel string, p int) (int, bool) {
	last := len(ch) - 1
	for _, pc := range ch[:last] {
		end := componentEnd(rel, p)
		if end == len(rel) || !pc.whole(rel[p:end]) {
			return 0, false
		}
		p = end + 1
	}
	n, ok := ch[last].prefix(rel[p:componentEnd(rel, p)])
	return p + n, ok
}

// componentEnd returns the index of the "/" that ends the component at p, or len(rel).
func componentEnd(rel string, p int) int {
	if k := strings.IndexByte(rel[p:], '/'); k >= 0 {
		return p + k
	}
	return len(rel)
}

// whole reports whether the piece matches all of s (one component, no "/").
func (pc piece) whole(s string) bool {
	if len(pc) == 1 {
		return s == pc[0]
	}
	head, tail := pc[0], pc[len(pc)-1]
	if len(s) < len(head)+len(tail) || !strings.HasPrefix(s, head) || !strings.HasSuffix(s, tail) {
		return false
	}
	s = s[len(head) : len(s)-len(tail)]
	for _, part := range pc[1 : len(pc)-1] {
		k := strings.Index(s, part)
		if k < 0 {
			return false
		}
		s = s[k+len(part):]
	}
	return true
}

// prefix matches the piece at the start of s and returns the length of the shortest match.
func (pc piece) prefix(s string) (int, bool) {
	if !strings.HasPrefix(s, pc[0]) {
		return 0, false
	}
	n := len(pc[0])
	for _, part := range pc[1:] {
		k := strings.Index(s[n:], part)
		if k < 0 {
			return 0, false
		}
		n += k + len(part)
	}
	return n, true
}
