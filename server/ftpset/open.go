package ftpset

import (
	"context"
	"fmt"
	"os"

	"coffre/engine/storage"
	"coffre/engine/storage/ftp"
)

// Config is the FTP storage's configuration for s: every connection is guarded by the
// networks s allows (the host and private networks are refused otherwise).
func Config(s Settings) ftp.Config {
	return ftp.Config{Host: s.Host, Port: s.Port, User: s.User, Password: s.Password, Dir: s.Dir,
		TLS: ftp.TLSMode(s.TLS), Fingerprint: s.Fingerprint, Guard: s.Networks.Guard}
}

// Open connects to the client's FTP storage and wraps it in storage.Retry, staging the uploads
// it may have to resume or re-send under stageDir (one volume at most). The caller closes it.
func Open(ctx context.Context, s Settings, stageDir string) (*storage.Retry, error) {
	if err := os.MkdirAll(stageDir, 0o700); err != nil {
		return nil, fmt.Errorf("open FTP storage: %w", err)
	}
	st, err := ftp.New(ctx, Config(s))
	if err != nil {
		return nil, err
	}
	return storage.NewRetry(st, storage.RetryOptions{StageDir: stageDir}), nil
}

// Test runs the connection test of the FTP storage with s: each step with the server's answer.
func Test(ctx context.Context, s Settings) ftp.Report { return ftp.Test(ctx, Config(s)) }
