package store

import (
	"coffre/engine/account"
)

// Bucket names.
const (
	bucketClients       = "clients"
	bucketSubscriptions = "subscriptions"
	bucketDomains       = "domains"
	bucketMailboxes     = "mailboxes"
	bucketDatabases     = "databases"
	bucketUsers         = "users"
)

// ValidateClient checks a client's fields, as both AddClient and the API do.
func ValidateClient(c account.Client) error {
	if err := ValidateLogin(c.Login); err != nil {
		return err
	}
	if err := ValidateText("name", c.Name, 100, true); err != nil {
		return err
	}
	if err := ValidateText("company", c.Company, 100, false); err != nil {
		return err
	}
	if c.Email != "" {
		if err := ValidateEmail("email", c.Email); err != nil {
			return err
		}
	}
	return ValidateLang(c.Lang)
}

// AddClient stores a new client. An empty Lang becomes "en"; a zero Created becomes now. The
// FTP settings are not set here.
func (s *Store) AddClient(c account.Client) (account.Client, error) {
	if c.Lang == "" {
		c.Lang = "en"
	}
	if c.Created.IsZero() {
		c.Created = s.Now().UTC()
	}
	c.FTP = nil
	if err := ValidateClient(c); err != nil {
		return c, err
	}
	return c, s.Update(func(tx *Tx) error {
		if _, ok, err := Get[account.Client](tx, bucketClients, c.Login); err != nil || ok {
			return orExists(err, "client", c.Login)
		}
		return Put(tx, bucketClients, c.Login, c)
	})
}

func orExists(err error, kind, key string) error {
	if err != nil {
		return err
	}
	return exists(kind, key)
}

// Client returns the client with that login, or an error matching ErrNotFound.
func (s *Store) Client(login string) (c account.Client, err error) {
	err = s.View(func(tx *Tx) error {
		c, err = getClient(tx, login)
		return err
	})
	return c, err
}

func getClient(tx *Tx, login string) (account.Client, error) {
	c, ok, err := Get[account.Client](tx, bucketClients, login)
	if err == nil && !ok {
		err = notFound("client", login)
	}
	return c, err
}

// Clients returns every client, by login.
func (s *Store) Clients() (list []account.Client, err error) {
	err = s.View(func(tx *Tx) error {
		return Each(tx, bucketClients, func(_ string, c account.Client) error {
			list = append(list, c)
			return nil
		})
	})
	return list, err
}

// SetRights replaces a client's rights.
func (s *Store) SetRights(login string, r account.Rights) error {
	return s.UpdateClient(login, func(c *account.Client) error {
		c.Rights = r
		return nil
	})
}

// UpdateClient changes a client in one transaction: fn edits it, the result is validated and
// stored. The login cannot change.
func (s *Store) UpdateClient(login string, fn func(*account.Client) error) error {
	return s.Update(func(tx *Tx) error {
		c, err := getClient(tx, login)
		if err != nil {
			return err
		}
		if err := fn(&c); err != nil {
			return err
		}
		c.Login = login
		if err := ValidateClient(c); err != nil {
			return err
		}
		return Put(tx, bucketClients, login, c)
	})
}

// Summaries returns one Clients-list row per client, with its counts of subscriptions and
// domains. LastBackup is left for the caller.
func (s *Store) Summaries() (list []account.ClientSummary, err error) {
	err = s.View(func(tx *Tx) error {
		subs, doms, err := countByClient(tx)
		if err != nil {
			return err
		}
		return Each(tx, bucketClients, func(_ string, c account.Client) error {
			list = append(list, account.ClientSummary{Login: c.Login, Name: c.Name, Company: c.Company,
				Email: c.Email, Subscriptions: subs[c.Login], Domains: doms[c.Login]})
			return nil
		})
	})
	return list, err
}

func countByClient(tx *Tx) (subs, doms map[string]int, err error) {
	subs, doms = map[string]int{}, map[string]int{}
	owner := map[string]string{}
	err = Each(tx, bucketSubscriptions, func(_ string, s account.Subscription) error {
		subs[s.Client]++
		owner[s.Domain] = s.Client
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	err = Each(tx, bucketDomains, func(_ string, d account.Domain) error {
		doms[owner[d.Subscription]]++
		return nil
	})
	return subs, doms, err
}

// Account returns everything a client owns, each list in key order.
func (s *Store) Account(login string) (a account.Account, err error) {
	err = s.View(func(tx *Tx) error {
		a, err = getAccount(tx, login)
		return err
	})
	return a, err
}

func getAccount(tx *Tx, login string) (a account.Account, err error) {
	if a.Client, err = getClient(tx, login); err != nil {
		return a, err
	}
	a.Subscriptions, a.Domains, a.Mailboxes, a.Databases = []account.Subscription{}, []account.Domain{}, []account.Mailbox{}, []account.Database{}
	mine := map[string]bool{}
	err = Each(tx, bucketSubscriptions, func(_ string, s account.Subscription) error {
		if s.Client == login {
			mine[s.Domain] = true
			a.Subscriptions = append(a.Subscriptions, s)
		}
		return nil
	})
	if err != nil {
		return a, err
	}
	return a, collectOwned(tx, mine, &a)
}

func collectOwned(tx *Tx, mine map[string]bool, a *account.Account) error {
	err := Each(tx, bucketDomains, func(_ string, d account.Domain) error {
		if mine[d.Subscription] {
			a.Domains = append(a.Domains, d)
		}
		return nil
	})
	if err != nil {
		return err
	}
	err = Each(tx, bucketMailboxes, func(_ string, m account.Mailbox) error {
		if mine[m.Subscription] {
			a.Mailboxes = append(a.Mailboxes, m)
		}
		return nil
	})
	if err != nil {
		return err
	}
	return Each(tx, bucketDatabases, func(_ string, d databaseRecord) error {
		if mine[d.Subscription] {
			a.Databases = append(a.Databases, d.public())
		}
		return nil
	})
}
