package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"

	"coffre/engine/backup"
	"coffre/engine/storage"
	"coffre/engine/storage/ftp"
	"coffre/engine/storage/ftp/ftptest"
)

// Keys of the FTP steps: the same full backup to a loopback vsftpd, and curl -T of the server
// storage's archive to the same server.
const (
	stepFTP     = "ftp"
	ftpLimit    = 1.15 // the FTP backup's time over the server-storage backup's, at most
	ftpChildArg = "ftp"
)

// ftpResult is what the child prints for a backup to FTP.
type ftpResult struct {
	backup.Result
	StagedPeak int64 `json:"stagedPeak"`
}

// ftpSteps starts vsftpd, backs the corpus up to it, and uploads the full archive named full
// with curl, for comparison with the server-storage backup measured just before.
func (b *bench) ftpSteps(ctx context.Context, full string) {
	dir := b.out("vsftpd")
	cert, err := ftptest.NewCert()
	if err == nil {
		err = os.MkdirAll(dir, 0o755)
	}
	var v *ftptest.Vsftpd
	var stop func()
	if err == nil {
		v, stop, err = ftptest.LaunchVsftpd(dir, ftp.TLSNone, cert)
	}
	if err != nil {
		b.keep(stepFTP+"/coffre", measure{Err: err})
		return
	}
	defer stop()
	addr := fmt.Sprintf("%s:%d/%s", v.Config.Host, v.Config.Port, v.Config.Dir)
	var out bytes.Buffer
	settle()
	m := pipeline(&out, b.childCmd("backup", "-corpus", b.corpus, "-store", b.out("stage"), "-"+ftpChildArg, addr))
	var res ftpResult
	if m.Err == nil {
		m.Err = json.Unmarshal(out.Bytes(), &res)
	}
	if m.Err == nil {
		m.Output = res.Entry.Size
		m.Note = fmt.Sprintf("staged peak %s", mb(res.StagedPeak))
	}
	b.keep(stepFTP+"/coffre", m)
	b.curl(v, full)
}

// curl uploads the server storage's archive of backup full with curl -T.
func (b *bench) curl(v *ftptest.Vsftpd, full string) {
	src := filepath.Join(b.out("store"), full+".tar.zst")
	url := fmt.Sprintf("ftp://%s:%d/%s/curl.tar.zst", v.Config.Host, v.Config.Port, v.Config.Dir)
	settle()
	m := pipeline(io.Discard, exec.Command("curl", "-sS", "--user", "anonymous:bench@example.com", "-T", src, url))
	if info, err := os.Stat(src); err == nil {
		m.Output = info.Size()
	}
	b.keep(stepFTP+"/curl", m)
}

// openFTP opens the FTP storage "host:port/dir" (anonymous login) behind Retry, staging in
// stageDir.
func openFTP(ctx context.Context, addr, stageDir string) (*storage.Retry, error) {
	hostPort, dir, _ := strings.Cut(addr, "/")
	host, p, _ := strings.Cut(hostPort, ":")
	port, err := strconv.Atoi(p)
	if err != nil {
		return nil, fmt.Errorf("ftp address %q: %w", addr, err)
	}
	st, err := ftp.New(ctx, ftp.Config{Host: host, Port: port, User: "anonymous",
		Password: "bench@example.com", Dir: dir, TLS: ftp.TLSNone})
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(stageDir, 0o700); err != nil {
		return nil, err
	}
	return storage.NewRetry(st, storage.RetryOptions{StageDir: stageDir}), nil
}

// reportFTP prints the FTP lines and checks the target.
func reportFTP(w io.Writer, b *bench) []string {
	server, ftpM, curlM := b.results[stepFull+"/coffre"], b.results[stepFTP+"/coffre"], b.results[stepFTP+"/curl"]
	fmt.Fprintf(w, "\nFTP (loopback vsftpd, plain FTP):\n")
	for _, l := range []struct {
		what string
		m    measure
	}{{"backup to server storage", server}, {"backup to FTP", ftpM}, {"curl -T of the server-storage archive", curlM}} {
		if l.m.Err != nil {
			fmt.Fprintf(w, "  %-40s failed: %v\n", l.what, l.m.Err)
			continue
		}
		fmt.Fprintf(w, "  %-40s %8.2fs  %s  %s\n", l.what, l.m.Wall.Seconds(), mb(l.m.Output), l.m.Note)
	}
	if server.Err != nil || ftpM.Err != nil || server.Wall == 0 {
		return []string{"FTP backup: not measured"}
	}
	ratio := ftpM.Wall.Seconds() / server.Wall.Seconds()
	fmt.Fprintf(w, "  FTP backup / server-storage backup: %.2fx (target at most %.2fx)", ratio, ftpLimit)
	if curlM.Err == nil && curlM.Wall > 0 {
		fmt.Fprintf(w, "; FTP backup / (server backup + curl -T): %.2fx", ftpM.Wall.Seconds()/(server.Wall+curlM.Wall).Seconds())
	}
	fmt.Fprintln(w)
	if ratio > ftpLimit {
		return []string{fmt.Sprintf("FTP backup time %.2fx the server-storage backup's", ratio)}
	}
	return nil
}
