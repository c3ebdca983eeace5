package corpus

import (
	"math"
	"math/rand/v2"
	"path"
	"strconv"
	"strings"
)

// vocab is a fixed word list: real words of web code first, then made-up ones. zipf holds
// indexes into vocab drawn with Zipf-like frequencies, so text compresses like source code.
var vocab, zipf = makeVocab()

const common = "the function return this array value data post user get set id class name type " +
	"wp admin query option item list content page post_id title meta key args error file path " +
	"url request response cache config init load render view model field default filter action " +
	"hook plugin theme style script template header footer menu widget image size width height " +
	"order product price cart customer session token form input button label text count total"

func makeVocab() ([]string, []uint16) {
	words := strings.Fields(common)
	r := rand.New(rand.NewPCG(1, 2))
	syll := strings.Fields("ka re to mi na lo su ve di pa ri co me tu la ne si bo gu fe an er in on or el is ti")
	for len(words) < 4096 {
		var b strings.Builder
		for range 1 + r.IntN(3) {
			b.WriteString(syll[r.IntN(len(syll))])
		}
		words = append(words, b.String())
	}
	table := make([]uint16, 0, 1<<16)
	var norm float64
	for k := range words {
		norm += 1 / math.Pow(float64(k+1), 1.05)
	}
	for k := range words {
		n := int(math.Ceil(float64(1<<16) / math.Pow(float64(k+1), 1.05) / norm))
		for range n {
			table = append(table, uint16(k))
		}
	}
	return words, table
}

// textGen appends lines of one kind of source file, from its own random stream.
type textGen struct {
	r     *rand.Rand
	lines [][]tok
}

// tok is a literal, or (lit == "") a slot: 'w' word, 'W' capitalised word, 'n' number,
// 'i' indentation, 'h' hex colour, 's' sentence.
type tok struct {
	lit  string
	slot byte
}

// templates by file extension; "{x}" is a slot.
var templates = map[string][][]tok{
	"php": parse(
		"{i}${w}_{w} = ${w}->{w}_{w}( '{w}', ${w} );", "{i}if ( ! empty( ${w}['{w}'] ) ) {", "{i}}",
		"{i}return apply_filters( '{w}_{w}', ${w}, ${w} );", "{i}/**", "{i} * {s}", "{i} */",
		"{i}public function {w}_{w}( ${w} = null ) {", "{i}$this->{w} = array( '{w}' => {n}, '{w}' => '{w}' );",
		"{i}foreach ( ${w} as ${w} => ${w} ) {", "{i}echo esc_html__( '{s}', '{w}' );", ""),
	"js": parse(
		"{i}const {w}{W} = require('{w}-{w}');", "{i}function {w}{W}({w}, {w}) {", "{i}}",
		"{i}return {w}.{w}({w}) || {n};", "{i}{w}.prototype.{w} = function () { return this.{w}; };",
		"{i}if ({w} === '{w}') { {w}({n}); }", "{i}// {s}", "{i}export default {w}{W};", ""),
	"css": parse(
		".{w}-{w} {", "{i}margin: {n}px {n}px;", "{i}color: #{h};", "{i}font-family: \"{W}\", sans-serif;",
		"}", "{i}padding: 0 {n}px;", "@media (max-width: {n}px) {", "/* {s} */", ""),
	"html": parse(
		"{i}<div class=\"{w} {w}-{w}\">", "{i}<p>{s}</p>", "{i}<a href=\"/{w}/{w}.html\">{W} {w}</a>",
		"{i}</div>", "{i}<li class=\"{w}\"><span>{W}</span></li>", "{i}<img src=\"/{w}/{w}.jpg\" alt=\"{s}\">"),
	"json": parse("{i}\"{w}\": \"{w}-{w}\",", "{i}\"{w}\": {n},", "{i}\"{w}\": {", "{i}},"),
	"txt":  parse("{s}", "{s} {s}", "", "== {W} {W} =="),
}

func parse(lines ...string) [][]tok {
	var out [][]tok
	for _, l := range lines {
		var ts []tok
		for l != "" {
			i := strings.IndexByte(l, '{')
			if i < 0 || i+2 >= len(l) || l[i+2] != '}' {
				ts = append(ts, tok{lit: l})
				break
			}
			if i > 0 {
				ts = append(ts, tok{lit: l[:i]})
			}
			ts = append(ts, tok{slot: l[i+1]})
			l = l[i+3:]
		}
		out = append(out, ts)
	}
	return out
}

// newTextGen returns the generator for a file named name.
func newTextGen(name string, r *rand.Rand) *textGen {
	ext := strings.TrimPrefix(path.Ext(name), ".")
	if ext == "md" || templates[ext] == nil {
		ext = "txt"
	}
	return &textGen{r: r, lines: templates[ext]}
}

// next appends one line.
func (g *textGen) next(b []byte) []byte {
	for _, t := range g.lines[g.r.IntN(len(g.lines))] {
		b = g.slot(b, t)
	}
	return append(b, '\n')
}

func (g *textGen) slot(b []byte, t tok) []byte {
	switch t.slot {
	case 0:
		return append(b, t.lit...)
	case 'w':
		return append(b, g.word()...)
	case 'W':
		w := g.word()
		return append(append(b, w[0]&^32), w[1:]...)
	case 'n':
		return strconv.AppendInt(b, int64(g.r.IntN(1000)), 10)
	case 'i':
		return append(b, "\t\t\t\t"[:g.r.IntN(4)]...)
	case 'h':
		return append(b, strconv.FormatUint(uint64(0x100000+g.r.IntN(0xefffff)), 16)...)
	}
	return g.sentence(b)
}

func (g *textGen) word() string { return vocab[zipf[g.r.IntN(len(zipf))]] }

// sentence appends 5 to 14 words ending with a full stop.
func (g *textGen) sentence(b []byte) []byte {
	w := g.word()
	b = append(append(b, w[0]&^32), w[1:]...)
	for range 4 + g.r.IntN(10) {
		b = append(append(b, ' '), g.word()...)
	}
	return append(b, '.')
}
