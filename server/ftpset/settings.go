package ftpset

import (
	"fmt"
	"log/slog"

	"coffre/engine/account"
	"coffre/engine/spec"
	"coffre/server/failure"
	"coffre/server/keys"
	"coffre/server/store"
)

// ErrNotConfigured is returned for a client that has no FTP settings.
var ErrNotConfigured = failure.New(failure.FTPNotSetUp, "the personal FTP storage is not set up")

// Settings are a client's FTP settings with the password opened. Never log or print them
// whole: String and LogValue leave the password out.
type Settings struct {
	spec.FTP
	Networks Networks // the private networks the connection may reach
}

// String describes the settings without the password.
func (s Settings) String() string {
	dir := s.Dir
	if dir == "" {
		dir = "(login folder)"
	}
	fp := ""
	if s.Fingerprint != "" {
		fp = " fingerprint=" + s.Fingerprint
	}
	return fmt.Sprintf("ftp %s@%s:%d dir=%s tls=%s password=%t%s", s.User, s.Host, s.Port, dir, s.TLS,
		s.Password != "", fp)
}

// GoString is String, so that %#v does not print the password either.
func (s Settings) GoString() string { return s.String() }

// LogValue is what slog records: everything but the password.
func (s Settings) LogValue() slog.Value {
	return slog.StringValue(s.String())
}

// sealLabel binds a sealed password to its client.
func sealLabel(login string) string { return "ftp:" + login }

// Load returns the client's settings with the password opened; ok is false when it has none.
func Load(st *store.Store, k *keys.Keys, login string) (s Settings, ok bool, err error) {
	c, err := st.Client(login)
	if err != nil || c.FTP == nil {
		return s, false, err
	}
	f := c.FTP
	s.FTP = spec.FTP{Host: f.Host, Port: f.Port, User: f.User, Dir: f.Dir, TLS: f.TLS, Fingerprint: f.Fingerprint}
	if s.Networks, err = LoadNetworks(st); err != nil {
		return Settings{}, false, err
	}
	sealed, err := st.FTPSecret(login)
	if err != nil {
		return Settings{}, false, err
	}
	if len(sealed) > 0 {
		pw, err := k.Open(sealLabel(login), sealed)
		if err != nil {
			return Settings{}, false, fmt.Errorf("load the FTP settings of %s: %w", login, err)
		}
		s.Password = string(pw)
	}
	return s, true, nil
}

// Save validates f and stores it as the client's settings, the password sealed. An empty
// password keeps the one stored, for the same server only (see checkKeep). The fingerprint is kept in its normal form (lower-case hex).
// A refusal is spec.Errors.
func Save(st *store.Store, k *keys.Keys, login string, f spec.FTP) error {
	if err := f.Validate(); err != nil {
		return err
	}
	if _, err := st.Client(login); err != nil {
		return err
	}
	if f.Password == "" {
		if err := checkKeep(st, login, f); err != nil {
			return err
		}
	}
	var sealed []byte
	if f.Password != "" {
		var err error
		if sealed, err = k.Seal(sealLabel(login), []byte(f.Password)); err != nil {
			return fmt.Errorf("save the FTP settings of %s: %w", login, err)
		}
	}
	pub := account.FTPSettings{Host: f.Host, Port: f.Port, User: f.User, Dir: f.Dir, TLS: f.TLS,
		Fingerprint: spec.NormalFingerprint(f.Fingerprint)}
	return st.SetFTP(login, &pub, sealed)
}

// Merge is f with the stored password when f has none: what a form that leaves the password
// blank means (for the same server only: see checkKeep).
func Merge(st *store.Store, k *keys.Keys, login string, f spec.FTP) (Settings, error) {
	nets, err := LoadNetworks(st)
	if err != nil {
		return Settings{}, err
	}
	s := Settings{FTP: f, Networks: nets}
	if f.Password != "" {
		return s, nil
	}
	if err := checkKeep(st, login, f); err != nil {
		return s, err
	}
	old, ok, err := Load(st, k, login)
	if err != nil || !ok {
		return s, err
	}
	s.Password = old.Password
	return s, nil
}

// Remove forgets the client's settings and password.
func Remove(st *store.Store, login string) error { return st.SetFTP(login, nil, nil) }
