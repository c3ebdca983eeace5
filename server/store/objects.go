package store

import (
	"os"
	"path/filepath"
	"strings"

	"coffre/engine/account"
)

// AddDomain stores a new domain served from an existing subscription's webspace. An empty
// DocRoot becomes DefaultDocRoot.
func (s *Store) AddDomain(d account.Domain) (account.Domain, error) {
	d.Name, d.Subscription = NormalizeDomain(d.Name), NormalizeDomain(d.Subscription)
	if d.DocRoot == "" {
		d.DocRoot = DefaultDocRoot
	}
	if err := validateDomainRecord(&d); err != nil {
		return d, err
	}
	return d, s.Update(func(tx *Tx) error {
		if _, err := getSubscription(tx, d.Subscription); err != nil {
			return err
		}
		if err := checkUnique(tx, d.Name); err != nil {
			return err
		}
		return Put(tx, bucketDomains, d.Name, d)
	})
}

func validateDomainRecord(d *account.Domain) error {
	if err := ValidateDomain("name", d.Name); err != nil {
		return err
	}
	if err := ValidateRel("docroot", d.DocRoot); err != nil {
		return err
	}
	for i, a := range d.Aliases {
		d.Aliases[i] = NormalizeDomain(a)
		if err := ValidateDomain("aliases", d.Aliases[i]); err != nil {
			return err
		}
	}
	return nil
}

// AddMailbox stores a new mailbox of a subscription. The address's domain must be one of the
// subscription's domains; the Maildir must be an existing directory, given as an absolute path.
func (s *Store) AddMailbox(m account.Mailbox) (account.Mailbox, error) {
	m.Subscription = NormalizeDomain(m.Subscription)
	if at := strings.LastIndexByte(m.Address, '@'); at > 0 {
		m.Address = m.Address[:at+1] + strings.ToLower(m.Address[at+1:])
	}
	if err := ValidateEmail("address", m.Address); err != nil {
		return m, err
	}
	if err := checkDir("maildir", m.Maildir); err != nil {
		return m, err
	}
	return m, s.Update(func(tx *Tx) error {
		if err := checkMailDomain(tx, m); err != nil {
			return err
		}
		if _, ok, err := Get[account.Mailbox](tx, bucketMailboxes, m.Address); err != nil || ok {
			return orExists(err, "mailbox", m.Address)
		}
		return Put(tx, bucketMailboxes, m.Address, m)
	})
}

func checkMailDomain(tx *Tx, m account.Mailbox) error {
	if _, err := getSubscription(tx, m.Subscription); err != nil {
		return err
	}
	domain := m.Address[strings.LastIndexByte(m.Address, '@')+1:]
	d, ok, err := Get[account.Domain](tx, bucketDomains, domain)
	if err != nil {
		return err
	}
	if !ok || d.Subscription != m.Subscription {
		return invalid(CodeWrongSubDomain, "address", "the domain of "+m.Address+
			" is not a domain of subscription "+m.Subscription, m.Address, m.Subscription)
	}
	return nil
}

func checkDir(field, dir string) error {
	if !filepath.IsAbs(dir) || filepath.Clean(dir) != dir {
		return invalid(CodeNotAbsolute, field, "the "+field+" "+quote(dir)+" must be a clean absolute path", dir)
	}
	fi, err := os.Stat(dir)
	if err != nil {
		return invalid(CodeRootMissing, field, "the "+field+" "+dir+" does not exist", dir)
	}
	if !fi.IsDir() {
		return invalid(CodeRootNotDir, field, "the "+field+" "+dir+" is not a directory", dir)
	}
	return nil
}

// databaseRecord is a Database as stored: with its password sealed by the secrets key.
type databaseRecord struct {
	account.Database
	Password []byte `json:"password,omitempty"`
}

func (r databaseRecord) public() account.Database {
	d := r.Database
	d.HasPassword = len(r.Password) > 0
	return d
}

func databaseKey(sub, name string) string { return sub + "/" + name }

// AddDatabase stores a new database of a subscription, with its password already sealed (nil
// for none). Names are unique within a subscription. A sqlite database needs the absolute path
// of an existing file; the others a host (default localhost) and a port (default the engine's).
func (s *Store) AddDatabase(d account.Database, sealedPassword []byte) (account.Database, error) {
	d.Subscription = NormalizeDomain(d.Subscription)
	if err := validateDatabase(&d); err != nil {
		return d, err
	}
	rec := databaseRecord{Database: d, Password: sealedPassword}
	return rec.public(), s.Update(func(tx *Tx) error {
		if _, err := getSubscription(tx, d.Subscription); err != nil {
			return err
		}
		key := databaseKey(d.Subscription, d.Name)
		if _, ok, err := Get[databaseRecord](tx, bucketDatabases, key); err != nil || ok {
			return orExists(err, "database", key)
		}
		return Put(tx, bucketDatabases, key, rec)
	})
}

// DatabasePassword returns the sealed password of a database, nil if it has none.
func (s *Store) DatabasePassword(subscription, name string) (sealed []byte, err error) {
	err = s.View(func(tx *Tx) error {
		key := databaseKey(NormalizeDomain(subscription), name)
		rec, ok, err := Get[databaseRecord](tx, bucketDatabases, key)
		if err == nil && !ok {
			err = notFound("database", key)
		}
		sealed = rec.Password
		return err
	})
	return sealed, err
}

var defaultPorts = map[string]int{"postgres": 5432, "mysql": 3306}

func validateDatabase(d *account.Database) error {
	if err := ValidateDatabaseName(d.Name); err != nil {
		return err
	}
	switch d.Engine {
	case "sqlite":
		return validateSQLite(d)
	case "postgres", "mysql":
		return validateServerDB(d)
	}
	return invalid(CodeInvalidEngine, "engine", "invalid database engine "+quote(d.Engine)+
		": use postgres, mysql or sqlite", d.Engine)
}

func validateSQLite(d *account.Database) error {
	if d.Host != "" || d.Port != 0 || d.User != "" {
		return invalid(CodeInvalidEngine, "engine", "a sqlite database has a path, no host, port or user")
	}
	if !filepath.IsAbs(d.Path) || filepath.Clean(d.Path) != d.Path {
		return invalid(CodeNotAbsolute, "path", "a sqlite database needs the clean absolute path of its file", d.Path)
	}
	fi, err := os.Stat(d.Path)
	if err != nil || !fi.Mode().IsRegular() {
		return invalid(CodeInvalidPath, "path", "the sqlite database file "+d.Path+" does not exist or is not a regular file", d.Path)
	}
	return nil
}

func validateServerDB(d *account.Database) error {
	if d.Path != "" {
		return invalid(CodeInvalidEngine, "engine", "only a sqlite database has a path")
	}
	if d.Host == "" {
		d.Host = "localhost"
	}
	if d.Port == 0 {
		d.Port = defaultPorts[d.Engine]
	}
	if d.Port < 1 || d.Port > 65535 {
		return invalid(CodeInvalidPort, "port", "invalid port: use 1 to 65535")
	}
	if !validDomain(strings.ToLower(d.Host)) && d.Host != "localhost" && !isIP(d.Host) {
		return invalid(CodeInvalidDomain, "host", "invalid database host "+quote(d.Host), d.Host)
	}
	if d.User != "" {
		return ValidateText("user", d.User, 64, false)
	}
	return nil
}
