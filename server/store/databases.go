package store

import "coffre/engine/account"

// PutDatabase adds a database of a subscription or replaces its definition. sealed is its new
// password already sealed; with keep, an existing database keeps its saved password (sealed is
// then ignored).
func (s *Store) PutDatabase(d account.Database, sealed []byte, keep bool) (account.Database, error) {
	d.Subscription = NormalizeDomain(d.Subscription)
	if err := validateDatabase(&d); err != nil {
		return d, err
	}
	rec := databaseRecord{Database: d, Password: sealed}
	err := s.Update(func(tx *Tx) error {
		if _, err := getSubscription(tx, d.Subscription); err != nil {
			return err
		}
		key := databaseKey(d.Subscription, d.Name)
		old, ok, err := Get[databaseRecord](tx, bucketDatabases, key)
		if err != nil {
			return err
		}
		if ok && keep {
			rec.Password = old.Password
		}
		return Put(tx, bucketDatabases, key, rec)
	})
	return rec.public(), err
}
