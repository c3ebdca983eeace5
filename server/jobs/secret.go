package jobs

import (
	"fmt"

	"coffre/engine/account"
)

// DatabaseLabel is the label a database's password is sealed under (keys.Seal).
func DatabaseLabel(subscription, name string) string {
	return "database:" + subscription + "/" + name
}

// dbSecret gives the engine a database's password, unsealed only when a dump or a restore
// needs it; "" when it has none.
func (j *Jobs) dbSecret(d account.Database) (string, error) {
	sealed, err := j.st.DatabasePassword(d.Subscription, d.Name)
	if err != nil || len(sealed) == 0 {
		return "", err
	}
	pw, err := j.keys.Open(DatabaseLabel(d.Subscription, d.Name), sealed)
	if err != nil {
		return "", fmt.Errorf("the password of database %s cannot be read: %w", d.Name, err)
	}
	return string(pw), nil
}
