package ftptest

import (
	"crypto/tls"
	"errors"
	"net"
	"strconv"
	"sync/atomic"
	"testing"

	ftpserver "github.com/fclairamb/ftpserverlib"
	"github.com/spf13/afero"

	"coffre/engine/storage/ftp"
)

// Options tune an in-process server; zero values get defaults.
type Options struct {
	Fs         afero.Fs // the files the server serves; default an empty in-memory Fs
	User, Pass string   // default "alice", "secret"
	TLS        ftp.TLSMode
	PublicHost string // the address PASV announces; default the listening one
	// Settings, if set, changes the server's settings before it starts.
	Settings func(*ftpserver.Settings)
	// Wrap, if set, gives each logged-in connection its own view of Fs (to inject faults; cc
	// lets it cut the connection).
	Wrap func(cc ftpserver.ClientContext, fs afero.Fs) afero.Fs
}

// Server is an in-process FTP server on loopback.
type Server struct {
	Config ftp.Config // how to reach it: host, port, login, TLS with the fingerprint
	Fs     afero.Fs
	Cert   Cert
	srv    *ftpserver.FtpServer
	conns  *atomic.Int64
}

// Connections is how many clients have connected so far.
func (s *Server) Connections() int64 { return s.conns.Load() }

// NewServer starts a server, stopped when the test ends.
func NewServer(t testing.TB, o Options) *Server {
	t.Helper()
	if o.Fs == nil {
		o.Fs = afero.NewMemMapFs()
	}
	if o.User == "" {
		o.User, o.Pass = "alice", "secret"
	}
	if o.TLS == "" {
		o.TLS = ftp.TLSNone
	}
	s := &Server{Fs: o.Fs, Cert: SelfSigned(t), conns: &atomic.Int64{}}
	s.srv = ftpserver.NewFtpServer(&driver{o: o, cert: s.Cert, conns: s.conns})
	if err := s.srv.Listen(); err != nil {
		t.Fatal(err)
	}
	go s.srv.Serve()
	t.Cleanup(func() { s.srv.Stop() })
	host, port, _ := net.SplitHostPort(s.srv.Addr())
	p, _ := strconv.Atoi(port)
	s.Config = ftp.Config{Host: host, Port: p, User: o.User, Password: o.Pass, TLS: o.TLS}
	if o.TLS != ftp.TLSNone {
		s.Config.Fingerprint = s.Cert.Fingerprint
	}
	return s
}

type driver struct {
	o     Options
	cert  Cert
	conns *atomic.Int64
}

func (d *driver) GetSettings() (*ftpserver.Settings, error) {
	s := &ftpserver.Settings{ListenAddr: "127.0.0.1:0", PublicHost: d.o.PublicHost,
		DisableActiveMode: true, IdleTimeout: 60, ConnectionTimeout: 10,
		PasvConnectionsCheck: ftpserver.IPMatchDisabled}
	if d.o.TLS == ftp.TLSImplicit {
		s.TLSRequired = ftpserver.ImplicitEncryption
	}
	if d.o.Settings != nil {
		d.o.Settings(s)
	}
	return s, nil
}

func (d *driver) ClientConnected(ftpserver.ClientContext) (string, error) {
	d.conns.Add(1)
	return "Coffre test server", nil
}

func (d *driver) ClientDisconnected(ftpserver.ClientContext) {}

// errLogin is answered 530.
var errLogin = errors.New("login incorrect")

func (d *driver) AuthUser(cc ftpserver.ClientContext, user, pass string) (ftpserver.ClientDriver, error) {
	if user != d.o.User || pass != d.o.Pass {
		return nil, errLogin
	}
	if d.o.Wrap != nil {
		return d.o.Wrap(cc, d.o.Fs), nil
	}
	return d.o.Fs, nil
}

func (d *driver) GetTLSConfig() (*tls.Config, error) {
	return &tls.Config{Certificates: []tls.Certificate{d.cert.TLS}}, nil
}
