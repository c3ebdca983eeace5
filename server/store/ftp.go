package store

import "coffre/engine/account"

// bucketFTPSecrets holds each client's sealed FTP password, by login, apart from the client
// record that the API shows.
const bucketFTPSecrets = "ftp_secrets"

// SetFTP replaces the client's personal FTP storage settings (nil removes them) in one
// transaction. sealed is the password as keys.Seal made it: nil keeps the one stored, an empty
// non-nil slice removes it. The settings must have been validated (spec.FTP.Validate).
func (s *Store) SetFTP(login string, f *account.FTPSettings, sealed []byte) error {
	return s.Update(func(tx *Tx) error {
		c, err := getClient(tx, login)
		if err != nil {
			return err
		}
		if f == nil || sealed != nil && len(sealed) == 0 {
			if err := Delete(tx, bucketFTPSecrets, login); err != nil {
				return err
			}
		} else if sealed != nil {
			if err := Put(tx, bucketFTPSecrets, login, sealed); err != nil {
				return err
			}
		}
		if f != nil {
			cp := *f
			_, has, err := Get[[]byte](tx, bucketFTPSecrets, login)
			if err != nil {
				return err
			}
			cp.HasPassword = has
			f = &cp
		}
		c.FTP = f
		return Put(tx, bucketClients, login, c)
	})
}

// FTPSecret returns the client's sealed FTP password, nil if none is kept.
func (s *Store) FTPSecret(login string) (sealed []byte, err error) {
	err = s.View(func(tx *Tx) error {
		if _, err := getClient(tx, login); err != nil {
			return err
		}
		sealed, _, err = Get[[]byte](tx, bucketFTPSecrets, login)
		return err
	})
	return sealed, err
}
