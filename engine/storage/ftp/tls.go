package ftp

import (
	"crypto/sha256"
	"crypto/tls"
	"crypto/x509"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net"
	"sync"
	"time"
)

// CertError is a server certificate that is not trusted: not signed by a known authority for
// this host, or not the one whose fingerprint was given. Fingerprint lets the user accept it.
type CertError struct {
	Fingerprint string // SHA-256 of the certificate the server showed, hex
	Err         error
}

func (e *CertError) Error() string {
	return fmt.Sprintf("the server's certificate (SHA-256 %s) is not trusted: %v", e.Fingerprint, e.Err)
}
func (e *CertError) Unwrap() error { return e.Err }

// ErrFingerprint is a certificate other than the one whose fingerprint was given.
var ErrFingerprint = errors.New("its fingerprint is not the one given in the settings")

// seenCert records the fingerprint of the last certificate a server showed.
type seenCert struct {
	mu sync.Mutex
	fp string
}

func (s *seenCert) set(fp string) { s.mu.Lock(); s.fp = fp; s.mu.Unlock() }
func (s *seenCert) get() string   { s.mu.Lock(); defer s.mu.Unlock(); return s.fp }

// tlsConfig is shared by every connection of a storage: the session cache lets the data
// connections resume the control connection's TLS session, which vsftpd requires by default.
func tlsConfig(cfg Config, seen *seenCert) *tls.Config {
	if cfg.TLS == TLSNone {
		return nil
	}
	return &tls.Config{
		ServerName:         cfg.Host,
		ClientSessionCache: tls.NewLRUClientSessionCache(8),
		MinVersion:         tls.VersionTLS12,
		// Verification is done by VerifyConnection, which also sees resumed sessions and
		// records the fingerprint of a certificate it refuses, for the user to accept it.
		InsecureSkipVerify: true,
		VerifyConnection:   func(cs tls.ConnectionState) error { return verify(cfg, seen, cs) },
	}
}

func verify(cfg Config, seen *seenCert, cs tls.ConnectionState) error {
	if len(cs.PeerCertificates) == 0 {
		return errors.New("the server showed no certificate")
	}
	leaf := cs.PeerCertificates[0]
	sum := sha256.Sum256(leaf.Raw)
	fp := hex.EncodeToString(sum[:])
	seen.set(fp)
	if cfg.Fingerprint != "" {
		if fp != cfg.Fingerprint {
			return &CertError{Fingerprint: fp, Err: ErrFingerprint}
		}
		return nil
	}
	opts := x509.VerifyOptions{DNSName: cfg.Host, Intermediates: x509.NewCertPool()}
	if ip := net.ParseIP(cfg.Host); ip != nil {
		opts.DNSName = ip.String()
	}
	for _, c := range cs.PeerCertificates[1:] {
		opts.Intermediates.AddCert(c)
	}
	if _, err := leaf.Verify(opts); err != nil {
		return &CertError{Fingerprint: fp, Err: err}
	}
	return nil
}

// isTLS reports a failure of the TLS layer (handshake, certificate, record).
func isTLS(err error) bool {
	var ce *CertError
	var ae tls.AlertError
	var rh tls.RecordHeaderError
	var ve *tls.CertificateVerificationError
	return errors.As(err, &ce) || errors.As(err, &ae) || errors.As(err, &rh) || errors.As(err, &ve)
}

// dataTLS is a TLS data connection that ends cleanly. Under TLS 1.3 the server sends session
// tickets after the handshake; an upload never reads them, and closing a socket with unread
// bytes resets it, which vsftpd reports as a failed upload (426). Close therefore sends
// close_notify and reads what the server still sends first: a little, for at most drainWait
// (servers close at once on close_notify; one that does not costs that wait, no more).
type dataTLS struct {
	*tls.Conn
	timeout time.Duration
}

const drainWait = time.Second

func (c dataTLS) Close() error {
	if c.ConnectionState().HandshakeComplete {
		c.CloseWrite()
		c.SetReadDeadline(time.Now().Add(min(c.timeout, drainWait)))
		io.CopyN(io.Discard, c.Conn, 1<<16)
	}
	return c.Conn.Close()
}
