package ftp

import (
	"strings"
	"testing"
)

// Whatever the server sends, in whatever pieces, the reply log keeps only reply lines and never
// the password.
func FuzzReplyLog(f *testing.F) {
	f.Add([]byte("220 hello\r\nUSER a\r\n331 pw\r\nPASS s3cret\r\n230 ok\r\n"), "s3cret", 7)
	f.Add([]byte("530-no\r\n530 s3cret is wrong\n"), "s3cret", 3)
	f.Fuzz(func(t *testing.T, data []byte, secret string, cut int) {
		if secret == "" || strings.ContainsAny(secret, "*") || hasControl(secret) {
			return
		}
		l := &replyLog{secret: secret}
		if cut < 0 || cut > len(data) {
			cut = len(data) / 2
		}
		l.Write(data[:cut])
		l.Write(data[cut:])
		for _, line := range l.lines {
			if strings.Contains(line, secret) || !isDigits(line[:3]) || hasControl(line) {
				t.Fatalf("kept %q", line)
			}
		}
	})
}

func FuzzParseFingerprint(f *testing.F) {
	f.Add("AB:cd:" + strings.Repeat("00", 30))
	f.Fuzz(func(t *testing.T, s string) {
		fp, err := ParseFingerprint(s)
		if err == nil && (len(fp) != 64 || strings.ToLower(fp) != fp) {
			t.Fatalf("%q parsed as %q", s, fp)
		}
	})
}
