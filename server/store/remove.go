package store

import (
	"strings"

	"coffre/engine/account"
)

// CodeMainDomain refuses to delete a subscription's main domain on its own: delete the
// subscription.
const CodeMainDomain = "main_domain"

// DeleteClient removes a client with everything it owns: its subscriptions, their domains,
// mailboxes and databases, and its login to the panel. Its backups stay on their storages.
func (s *Store) DeleteClient(login string) error {
	return s.Update(func(tx *Tx) error {
		if _, err := getClient(tx, login); err != nil {
			return err
		}
		subs, err := ownedKeys[account.Subscription](tx, bucketSubscriptions, func(v account.Subscription) bool { return v.Client == login })
		if err != nil {
			return err
		}
		for _, d := range subs {
			if err := deleteSubscription(tx, d); err != nil {
				return err
			}
		}
		if err := Delete(tx, bucketUsers, login); err != nil {
			return err
		}
		return Delete(tx, bucketClients, login)
	})
}

// DeleteSubscription removes a subscription of client with its domains, mailboxes and
// databases. The webspace's files are left alone.
func (s *Store) DeleteSubscription(client, domain string) error {
	domain = NormalizeDomain(domain)
	return s.Update(func(tx *Tx) error {
		sub, err := getSubscription(tx, domain)
		if err == nil && sub.Client != client {
			err = notFound("subscription", domain)
		}
		if err != nil {
			return err
		}
		return deleteSubscription(tx, domain)
	})
}

func deleteSubscription(tx *Tx, domain string) error {
	of := func(sub string) bool { return sub == domain }
	doms, err := ownedKeys[account.Domain](tx, bucketDomains, func(v account.Domain) bool { return of(v.Subscription) })
	if err != nil {
		return err
	}
	boxes, err := ownedKeys[account.Mailbox](tx, bucketMailboxes, func(v account.Mailbox) bool { return of(v.Subscription) })
	if err != nil {
		return err
	}
	dbs, err := ownedKeys[databaseRecord](tx, bucketDatabases, func(v databaseRecord) bool { return of(v.Subscription) })
	if err != nil {
		return err
	}
	for bucket, keys := range map[string][]string{bucketDomains: doms, bucketMailboxes: boxes, bucketDatabases: dbs} {
		for _, k := range keys {
			if err := Delete(tx, bucket, k); err != nil {
				return err
			}
		}
	}
	return Delete(tx, bucketSubscriptions, domain)
}

// ownedKeys lists the keys of bucket whose value keep accepts.
func ownedKeys[T any](tx *Tx, bucket string, keep func(T) bool) (keys []string, err error) {
	err = Each(tx, bucket, func(k string, v T) error {
		if keep(v) {
			keys = append(keys, k)
		}
		return nil
	})
	return keys, err
}

// ownedSubscription returns the subscription domain if it belongs to client; another
// client's reads as missing.
func ownedSubscription(tx *Tx, client, domain string) (account.Subscription, error) {
	sub, err := getSubscription(tx, domain)
	if err == nil && sub.Client != client {
		err = notFound("subscription", domain)
	}
	return sub, err
}

// DeleteDomain removes a domain of one of client's subscriptions; a subscription's main
// domain goes only with its subscription.
func (s *Store) DeleteDomain(client, name string) error {
	name = NormalizeDomain(name)
	return s.Update(func(tx *Tx) error {
		d, ok, err := Get[account.Domain](tx, bucketDomains, name)
		if err == nil && !ok {
			err = notFound("domain", name)
		}
		if err != nil {
			return err
		}
		if _, err := ownedSubscription(tx, client, d.Subscription); err != nil {
			return notFound("domain", name)
		}
		if d.Name == d.Subscription {
			return invalid(CodeMainDomain, "name", name+" is the main domain of its subscription: delete the subscription instead", name)
		}
		return Delete(tx, bucketDomains, name)
	})
}

// DeleteMailbox removes a mailbox of one of client's subscriptions; its Maildir stays.
func (s *Store) DeleteMailbox(client, address string) error {
	if at := strings.LastIndexByte(address, '@'); at > 0 {
		address = address[:at+1] + strings.ToLower(address[at+1:])
	}
	return s.Update(func(tx *Tx) error {
		m, ok, err := Get[account.Mailbox](tx, bucketMailboxes, address)
		if err == nil && !ok {
			err = notFound("mailbox", address)
		}
		if err != nil {
			return err
		}
		if _, err := ownedSubscription(tx, client, m.Subscription); err != nil {
			return notFound("mailbox", address)
		}
		return Delete(tx, bucketMailboxes, address)
	})
}

// DeleteDatabase removes a database of one of client's subscriptions with its saved
// password; the database itself is left alone.
func (s *Store) DeleteDatabase(client, subscription, name string) error {
	subscription = NormalizeDomain(subscription)
	key := databaseKey(subscription, name)
	return s.Update(func(tx *Tx) error {
		if _, err := ownedSubscription(tx, client, subscription); err != nil {
			return notFound("database", key)
		}
		if _, ok, err := Get[databaseRecord](tx, bucketDatabases, key); err != nil || !ok {
			if err == nil {
				err = notFound("database", key)
			}
			return err
		}
		return Delete(tx, bucketDatabases, key)
	})
}

// Owner returns the login of the client that owns an object: kind is "subscription" (key: its
// domain), "domain" (its name), "mailbox" (its address) or "database" ("subscription/name").
func (s *Store) Owner(kind, key string) (owner string, err error) {
	err = s.View(func(tx *Tx) error {
		sub := NormalizeDomain(key)
		switch kind {
		case "domain":
			d, ok, err := Get[account.Domain](tx, bucketDomains, sub)
			if err != nil || !ok {
				return orNotFound(err, kind, key)
			}
			sub = d.Subscription
		case "mailbox":
			at := strings.LastIndexByte(key, '@')
			m, ok, err := Get[account.Mailbox](tx, bucketMailboxes, key[:at+1]+strings.ToLower(key[at+1:]))
			if err != nil || !ok {
				return orNotFound(err, kind, key)
			}
			sub = m.Subscription
		case "database":
			d, _, _ := strings.Cut(key, "/")
			sub = NormalizeDomain(d)
		}
		s, err := getSubscription(tx, sub)
		owner = s.Client
		return err
	})
	return owner, err
}

func orNotFound(err error, kind, key string) error {
	if err != nil {
		return err
	}
	return notFound(kind, key)
}
