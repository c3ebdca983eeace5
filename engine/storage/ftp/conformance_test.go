package ftp_test

import (
	"fmt"
	"testing"

	"coffre/engine/storage"
	"coffre/engine/storage/ftp"
	"coffre/engine/storage/ftp/ftptest"
	"coffre/engine/storage/storagetest"
)

func TestConformanceInProcess(t *testing.T) {
	for _, mode := range []ftp.TLSMode{ftp.TLSNone, ftp.TLSExplicit} {
		t.Run(string(mode), func(t *testing.T) {
			storagetest.Run(t, func(t *testing.T) storage.Storage {
				srv := ftptest.NewServer(t, ftptest.Options{TLS: mode})
				return open(t, srv.Config)
			})
		})
	}
}

func TestConformanceVsftpd(t *testing.T) {
	for _, mode := range []ftp.TLSMode{ftp.TLSNone, ftp.TLSExplicit, ftp.TLSImplicit} {
		t.Run(string(mode), func(t *testing.T) {
			v := ftptest.StartVsftpd(t, mode)
			if rep := ftp.Test(t.Context(), v.Config); !rep.OK() || rep.Fingerprint != v.Config.Fingerprint {
				t.Fatalf("connection test: %+v, fingerprint %q", rep.Steps, rep.Fingerprint)
			}
			n := 0
			storagetest.Run(t, func(t *testing.T) storage.Storage {
				n++
				cfg := v.Config
				cfg.Dir = fmt.Sprintf("up/t%d", n)
				return open(t, cfg)
			})
		})
	}
}

// open connects to cfg, closing the storage when the test ends.
func open(t *testing.T, cfg ftp.Config) *ftp.Storage {
	t.Helper()
	s, err := ftp.New(t.Context(), cfg)
	if err != nil {
		t.Fatalf("ftp.New: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}
