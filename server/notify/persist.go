package notify

import (
	"fmt"

	"coffre/server/keys"
	"coffre/server/store"
)

// Where the settings live in the store, and the label their password is sealed with.
const (
	bucketSettings = "settings"
	keySMTP        = "smtp"
	sealLabel      = "smtp"
)

// stored is the settings as the store keeps them: the password sealed by the host's secret key.
type stored struct {
	Host     string `json:"host"`
	Port     int    `json:"port"`
	TLS      string `json:"tls"`
	User     string `json:"user,omitempty"`
	From     string `json:"from"`
	Password []byte `json:"password,omitempty"` // keys.Seal("smtp", password)
}

// Load reads the SMTP settings, their password opened; ok is false when none were saved.
func Load(st *store.Store, k *keys.Keys) (s Settings, ok bool, err error) {
	var v stored
	err = st.View(func(tx *store.Tx) (err error) {
		v, ok, err = store.Get[stored](tx, bucketSettings, keySMTP)
		return err
	})
	if err != nil || !ok {
		return Settings{}, false, err
	}
	s = Settings{Host: v.Host, Port: v.Port, TLS: v.TLS, User: v.User, From: v.From}
	if len(v.Password) > 0 {
		if s.Password, err = k.Open(sealLabel, v.Password); err != nil {
			return Settings{}, false, fmt.Errorf("load SMTP settings: %w", err)
		}
		s.HasPassword = true
	}
	return s, true, nil
}

// Save validates the settings and stores them, the password sealed. An empty Password
// stores none: to keep the saved one, Load it first and copy it.
func Save(st *store.Store, k *keys.Keys, s Settings) error {
	if err := s.Validate(); err != nil {
		return err
	}
	v := stored{Host: s.Host, Port: s.Port, TLS: s.TLS, User: s.User, From: s.From}
	if len(s.Password) > 0 {
		sealed, err := k.Seal(sealLabel, s.Password)
		if err != nil {
			return fmt.Errorf("save SMTP settings: %w", err)
		}
		v.Password = sealed
	}
	return st.Update(func(tx *store.Tx) error { return store.Put(tx, bucketSettings, keySMTP, v) })
}
