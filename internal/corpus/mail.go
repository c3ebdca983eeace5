package corpus

import (
	"encoding/base64"
	"math/rand/v2"
	"strings"
	"time"
)

// mailGen appends one Maildir message: headers, a text body and, when the message is large,
// a base64 attachment of random bytes (incompressible beyond base64's own redundancy).
type mailGen struct {
	text   *textGen
	r      *rand.Rand
	raw    *rand.ChaCha8
	e      entry
	domain string
	stage  int // 0 headers, 1 body, 2 attachment
	body   int // bytes of body text so far
}

func newMailGen(e entry, r *rand.Rand, raw *rand.ChaCha8) *mailGen {
	domain, _, _ := strings.Cut(e.path, "/")
	return &mailGen{text: newTextGen("x.txt", r), r: r, raw: raw, e: e, domain: domain}
}

func (g *mailGen) next(b []byte) []byte {
	switch g.stage {
	case 0:
		g.stage = 1
		return g.headers(b)
	case 1:
		n := len(b)
		b = append(g.text.sentence(b), '\n')
		g.body += len(b) - n
		if g.e.size > 20000 && g.body > 3000 {
			g.stage = 2
			b = append(b, "\n--b1\nContent-Type: application/pdf\nContent-Transfer-Encoding: base64\n\n"...)
		}
		return b
	}
	var chunk [57]byte // one 76-character base64 line
	g.raw.Read(chunk[:])
	return append(base64.StdEncoding.AppendEncode(b, chunk[:]), '\n')
}

func (g *mailGen) headers(b []byte) []byte {
	t := time.Unix(0, g.e.mtime).UTC()
	from := g.text.word() + "@" + g.text.word() + ".example"
	b = append(b, "Return-Path: <"+from+">\nDelivered-To: box@"+g.domain+"\n"...)
	for i := range 3 {
		b = append(b, "Received: from mx"...)
		b = append(b, byte('1'+i))
		b = append(b, ".hosting.example (mx.hosting.example [192.0.2.10])\n\tby mail."+g.domain+" with ESMTPS id "...)
		b = append(b, g.text.word()...)
		b = t.AppendFormat(append(b, "\n\tfor <box@"+g.domain+">; "...), time.RFC1123Z)
		b = append(b, '\n')
	}
	b = append(b, "From: "+from+"\nTo: box@"+g.domain+"\nSubject: "...)
	b = g.text.sentence(b)
	b = t.AppendFormat(append(b, "\nDate: "...), time.RFC1123Z)
	b = append(b, "\nMessage-ID: <"...)
	b = append(append(b, g.text.word()...), "@mail.example>\nMIME-Version: 1.0\n"...)
	b = append(b, "Content-Type: multipart/mixed; boundary=\"b1\"\n\n--b1\nContent-Type: text/plain; charset=utf-8\n\n"...)
	return b
}
