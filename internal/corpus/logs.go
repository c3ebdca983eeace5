package corpus

import (
	"math/rand/v2"
	"strconv"
	"strings"
	"time"
)

// logGen appends log lines of one kind, in time order, ending near baseTime.
type logGen struct {
	text   *textGen
	r      *rand.Rand
	kind   kind
	domain string
	t      time.Time
}

var (
	methods  = []string{"GET", "GET", "GET", "GET", "POST", "HEAD"}
	statuses = []int{200, 200, 200, 200, 200, 304, 304, 301, 404, 500}
	agents   = []string{
		"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36",
		"Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1",
		"Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
		"Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0",
		"curl/7.88.1",
	}
)

func newLogGen(e entry, r *rand.Rand) *logGen {
	domain, _, _ := strings.Cut(e.path, "/")
	// About one line per 200 bytes, a few seconds apart, ending at baseTime.
	start := time.Unix(0, baseTime).Add(-time.Duration(e.size/200*3) * time.Second).UTC()
	return &logGen{text: newTextGen("x.txt", r), r: r, kind: e.kind, domain: domain, t: start}
}

func (g *logGen) next(b []byte) []byte {
	g.t = g.t.Add(time.Duration(g.r.IntN(6000)) * time.Millisecond)
	switch g.kind {
	case kindError:
		return g.errorLine(b)
	case kindAppLog:
		return g.appLine(b)
	}
	return g.accessLine(b)
}

// accessLine appends an Apache combined log line.
func (g *logGen) accessLine(b []byte) []byte {
	b = g.ip(b)
	b = g.t.AppendFormat(append(b, " - - ["...), "02/Jan/2006:15:04:05 -0700")
	b = append(append(append(b, "] \""...), methods[g.r.IntN(len(methods))]...), ' ')
	b = g.urlPath(b)
	b = append(b, " HTTP/1.1\" "...)
	b = strconv.AppendInt(b, int64(statuses[g.r.IntN(len(statuses))]), 10)
	b = strconv.AppendInt(append(b, ' '), int64(g.r.IntN(90000)), 10)
	b = append(append(b, " \"https://"...), g.domain...)
	b = g.urlPath(b)
	b = append(append(append(b, "\" \""...), agents[g.r.IntN(len(agents))]...), "\"\n"...)
	return b
}

// errorLine appends an Apache error log line with a PHP warning.
func (g *logGen) errorLine(b []byte) []byte {
	b = g.t.AppendFormat(append(b, '['), "Mon Jan 02 15:04:05.000000 2006")
	b = strconv.AppendInt(append(b, "] [php:warn] [pid "...), int64(1000+g.r.IntN(60000)), 10)
	b = g.ip(append(b, "] [client "...))
	b = append(b, "] PHP Warning:  Undefined variable $"...)
	b = append(append(b, g.text.word()...), " in /var/www/vhosts/"...)
	b = append(append(b, g.domain...), "/httpdocs"...)
	b = append(g.urlPath(b), ".php on line "...)
	return append(strconv.AppendInt(b, int64(g.r.IntN(900)), 10), '\n')
}

// appLine appends a Laravel-like application log line.
func (g *logGen) appLine(b []byte) []byte {
	b = g.t.AppendFormat(append(b, '['), "2006-01-02 15:04:05")
	b = append(b, "] production.ERROR: "...)
	b = g.text.sentence(b)
	b = append(b, " {\"exception\":\"[object] ("...)
	b = g.text.slot(b, tok{slot: 'W'})
	b = append(b, "Exception(code: 0): "...)
	b = g.text.sentence(b)
	return append(b, "\"}\n"...)
}

// ip appends a client address: a few thousand visitors, some much more often than others.
func (g *logGen) ip(b []byte) []byte {
	n := int(zipf[g.r.IntN(len(zipf))]) * 7919
	for i, part := range []int{n >> 16 & 0x3f, n >> 8 & 0xff, n & 0xff} {
		if i == 0 {
			part += 81 // keep away from private ranges
		}
		b = append(strconv.AppendInt(b, int64(part), 10), '.')
	}
	return strconv.AppendInt(b, int64(1+g.r.IntN(254)), 10)
}

// urlPath appends a site path of one to four words.
func (g *logGen) urlPath(b []byte) []byte {
	for range 1 + g.r.IntN(4) {
		b = append(append(b, '/'), g.text.word()...)
	}
	return b
}
