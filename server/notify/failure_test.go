package notify

import (
	"context"
	"net"
	"slices"
	"strconv"
	"testing"

	"coffre/server/failure"
)

// Each way a mail fails is sorted into the code the panel explains (server/failure).
func TestMailFailuresAreSorted(t *testing.T) {
	auth := startSMTP(t, &smtpServer{user: "mailer", pass: secret})
	reject := startSMTP(t, &smtpServer{reject: true})
	plainSrv := startSMTP(t, &smtpServer{})
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := l.Addr().(*net.TCPAddr).Port
	l.Close()

	wrongPassword := plain(auth.port)
	wrongPassword.User, wrongPassword.Password = "mailer", []byte(secret+"-wrong")
	startTLS := plain(plainSrv.port)
	startTLS.TLS = TLSStartTLS
	tests := []struct {
		name string
		s    Settings
		want string
	}{
		{"wrong password", wrongPassword, failure.AuthRefused},
		{"recipient refused", plain(reject.port), failure.RecipientRefused},
		{"no STARTTLS", startTLS, failure.TLS},
		{"nothing listens", plain(closed), failure.Unreachable},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := SendTest(context.Background(), tc.s, "admin@host.example")
			if got := failure.Of(err); got.Code != tc.want {
				t.Errorf("Of(%v) = %+v, want %s", err, got, tc.want)
			}
		})
	}
	err = SendTest(context.Background(), plain(closed), "admin@host.example")
	if got := failure.Of(err); !slices.Equal(got.Args, []string{"127.0.0.1:" + strconv.Itoa(closed)}) {
		t.Errorf("Of(%v).Args = %v, want the address", err, got.Args)
	}
	if got := failure.Of(ErrNotConfigured); got.Code != failure.SMTPNotSetUp {
		t.Errorf("no settings: %+v", got)
	}
}
