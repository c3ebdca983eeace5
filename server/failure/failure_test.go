package failure_test

import (
	"coffre/engine/dump"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"slices"
	"syscall"
	"testing"
	"time"

	"coffre/engine/manifest"
	"coffre/engine/protect"
	"coffre/engine/storage"
	"coffre/engine/storage/ftp"
	"coffre/engine/storage/ftp/ftptest"
	"coffre/server/failure"
)

// closedPort is a loopback port on which nothing listens.
func closedPort(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	return addr
}

func TestARefusedConnectionNamesTheAddress(t *testing.T) {
	addr := closedPort(t)
	_, err := net.DialTimeout("tcp", addr, 5*time.Second)
	if err == nil {
		t.Fatal("dial succeeded")
	}
	got := failure.Of(fmt.Errorf("mail to a@b.example via %s: dial failed: %w", addr, err))
	if got.Code != failure.Unreachable || !slices.Equal(got.Args, []string{addr}) {
		t.Errorf("Of(%v) = %+v, want unreachable naming %s", err, got, addr)
	}
}

func TestAMissingManifestIsNoSuchBackup(t *testing.T) {
	st, err := storage.NewLocal(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	_, err = manifest.Load(context.Background(), st, "nosuchbackup")
	if got := failure.Of(fmt.Errorf("verify: %w", err)); got.Code != failure.NoSuchBackup {
		t.Errorf("Of(%v) = %+v, want no_such_backup", err, got)
	}
	_, err = st.Open(context.Background(), "nosuchvolume")
	if got := failure.Of(err); got.Code != failure.NotFound {
		t.Errorf("Of(%v) = %+v, want not_found for a file of a backup", err, got)
	}
}

func TestFTPRefusalsAreSorted(t *testing.T) {
	srv := ftptest.NewServer(t, ftptest.Options{})
	cfg := srv.Config
	cfg.Password = "wrong"
	_, err := ftp.New(context.Background(), cfg)
	if got := failure.Of(err); got.Code != failure.AuthRefused {
		t.Errorf("wrong FTP password: Of(%v) = %+v, want auth_refused", err, got)
	}
	cfg = srv.Config
	cfg.Port, cfg.Timeout = portOf(t, closedPort(t)), 5*time.Second
	_, err = ftp.New(context.Background(), cfg)
	if got := failure.Of(err); got.Code != failure.Unreachable {
		t.Errorf("closed FTP port: Of(%v) = %+v, want unreachable", err, got)
	}
}

func TestFTPCertificateNotTheOneGiven(t *testing.T) {
	srv := ftptest.NewServer(t, ftptest.Options{TLS: ftp.TLSExplicit})
	cfg := srv.Config
	cfg.Fingerprint = "00" + cfg.Fingerprint[2:]
	_, err := ftp.New(context.Background(), cfg)
	if got := failure.Of(err); got.Code != failure.Fingerprint {
		t.Errorf("other certificate: Of(%v) = %+v, want fingerprint", err, got)
	}
}

func portOf(t *testing.T, addr string) int {
	_, p, _ := net.SplitHostPort(addr)
	var n int
	fmt.Sscan(p, &n)
	return n
}

func TestSystemAndSentinelErrors(t *testing.T) {
	sentinel := failure.New(failure.Busy, "busy")
	tests := []struct {
		err  error
		want string
	}{
		{&fs.PathError{Op: "write", Path: "/srv/x", Err: syscall.ENOSPC}, failure.NoSpace},
		{&fs.PathError{Op: "write", Path: "/srv/x", Err: syscall.EDQUOT}, failure.NoSpace},
		{&fs.PathError{Op: "open", Path: "/srv/x", Err: syscall.EACCES}, failure.Permission},
		{fmt.Errorf("backup: %w", context.Canceled), failure.Cancelled},
		{fmt.Errorf("lock acme: %w", sentinel), failure.Busy},
		{fmt.Errorf("open: %w", manifest.ErrSignature), failure.Signature},
		{fmt.Errorf("restore: unseal: %w", protect.ErrWrongPassword), failure.WrongPassword},
		{fmt.Errorf("verify: %w", manifest.ErrLocked), failure.PasswordRequired},
		{fmt.Errorf("backup: %w: the disk is full (%w)", storage.ErrNoSpace, syscall.ENOSPC), failure.NoSpace},
		{fmt.Errorf("preview: database shop: %w (confirm to replace it)", dump.ErrExists), failure.DatabaseExists},
		{errors.New("something nobody knows"), failure.Internal},
	}
	for _, tc := range tests {
		if got := failure.Of(tc.err); got.Code != tc.want {
			t.Errorf("Of(%v) = %+v, want %s", tc.err, got, tc.want)
		}
	}
	short := fmt.Errorf("backup: %w", &storage.SpaceError{Needed: 22020096, Free: 16777216, Where: "/srv/coffre"})
	if got := failure.Of(short); got.Code != failure.SpaceShort || !slices.Equal(got.Args, []string{"22020096", "16777216", "/srv/coffre"}) {
		t.Errorf("Of(%v) = %+v, want space_short with the sizes and the folder", short, got)
	}
	if got := failure.Of(nil); got.Code != "" {
		t.Errorf("Of(nil) = %+v, want no code", got)
	}
	if !errors.Is(fmt.Errorf("x: %w", sentinel), sentinel) || sentinel.Error() != "busy" {
		t.Errorf("a sentinel must compare by identity and keep its text")
	}
}
