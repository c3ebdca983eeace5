package main

import (
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"

	"coffre/engine/storage/ftp"
	"coffre/engine/storage/ftp/ftptest"
)

// The FTP step: a vsftpd started on loopback (plain FTP), the client's FTP storage set to it
// with `coffre ftp set`, the same full backup to it, and curl -T of the server storage's full
// archive to the same server. On loopback vsftpd's own CPU competes with compression for the
// same cores.
const (
	stepFTP  = "ftp"
	ftpLimit = 1.15 // the FTP backup's time over the server-storage backup's, at most
)

var ftpStep = step{key: stepFTP, title: "full backup to FTP (loopback vsftpd)",
	peerTitle: "curl -T of the server storage's archive", only: "corpus",
	before: startFTP, peer: curlUpload, coffre: ftpBackup, after: func(p *pass) { p.ftp.stop() }}

// ftpServer is the vsftpd of a pass.
type ftpServer struct {
	v    *ftptest.Vsftpd
	stop func()
}

// startFTP starts vsftpd and makes it the bench client's FTP storage.
func startFTP(p *pass) error {
	dir := p.out("vsftpd")
	cert, err := ftptest.NewCert()
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	v, stop, err := ftptest.LaunchVsftpd(dir, ftp.TLSNone, cert)
	if err != nil {
		return err
	}
	p.ftp = &ftpServer{v: v, stop: stop}
	pw := p.out("ftp-password")
	if err := os.WriteFile(pw, []byte(v.Config.Password+"\n"), 0o600); err != nil {
		return err
	}
	// vsftpd listens on loopback, which the FTP storages reach only once allowed.
	if err := p.c.run("ftp", "networks", "--allow", "127.0.0.0/8"); err != nil {
		return err
	}
	return p.c.run("ftp", "set", benchClient, "--host", v.Config.Host, "--port", strconv.Itoa(v.Config.Port),
		"--user", v.Config.User, "--password-file", pw, "--dir", v.Config.Dir, "--tls", "none")
}

// curlUpload uploads the server storage's full archive with curl -T.
func curlUpload(p *pass) measure {
	if p.full == "" {
		return measure{Err: fmt.Errorf("no full backup to upload")}
	}
	src := filepath.Join(p.c.data, "storage", benchClient, p.full+".tar.zst")
	cfg := p.ftp.v.Config
	url := fmt.Sprintf("ftp://%s:%d/%s/curl.tar.zst", cfg.Host, cfg.Port, cfg.Dir)
	settle()
	m := pipeline(io.Discard, exec.Command("curl", "-sS", "--user", cfg.User+":"+cfg.Password, "-T", src, url))
	if info, err := os.Stat(src); err == nil {
		m.Output = info.Size()
	}
	return m
}

// ftpBackup backs the tree up to the FTP storage.
func ftpBackup(p *pass) measure {
	m, name := p.c.backup("--storage", "ftp")
	if m.Err == nil {
		m.Output = 0
		names, _ := filepath.Glob(filepath.Join(p.ftp.v.Root, p.ftp.v.Config.Dir, name+".*"))
		for _, n := range names {
			if info, err := os.Stat(n); err == nil {
				m.Output += info.Size()
			}
		}
	}
	return m
}
