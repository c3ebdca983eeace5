package store

import (
	"strings"

	"coffre/engine/account"
)

// Scan calls fn with the raw value of each key of bucket, in key order or, with reverse, from
// the last key back; fn returns false to stop. data is valid only during the call.
func Scan(t *Tx, bucket string, reverse bool, fn func(key, data []byte) (bool, error)) error {
	b, err := t.bucket(bucket)
	if err != nil || b == nil {
		return err
	}
	c := b.Cursor()
	first, next := c.First, c.Next
	if reverse {
		first, next = c.Last, c.Prev
	}
	for k, v := first(); k != nil; k, v = next() {
		more, err := fn(k, v)
		if err != nil || !more {
			return err
		}
	}
	return nil
}

// Matches reports whether query, a search typed in a list, is in one of the fields, whatever
// their case; an empty query matches everything.
func Matches(query string, fields ...string) bool {
	query = strings.ToLower(strings.TrimSpace(query))
	if query == "" {
		return true
	}
	for _, f := range fields {
		if strings.Contains(strings.ToLower(f), query) {
			return true
		}
	}
	return false
}

// SummaryPage returns one page of the Clients list, by login: the clients whose login, name,
// company or e-mail contain query, from offset, at most limit (all with limit <= 0). total is
// how many match.
func (s *Store) SummaryPage(query string, offset, limit int) (list []account.ClientSummary, total int, err error) {
	err = s.View(func(tx *Tx) error {
		err := Each(tx, bucketClients, func(_ string, c account.Client) error {
			if !Matches(query, c.Login, c.Name, c.Company, c.Email) {
				return nil
			}
			total++
			if total > offset && (limit <= 0 || len(list) < limit) {
				list = append(list, account.ClientSummary{Login: c.Login, Name: c.Name, Company: c.Company, Email: c.Email})
			}
			return nil
		})
		if err != nil || len(list) == 0 {
			return err
		}
		subs, doms, err := countByClient(tx)
		for i := range list {
			list[i].Subscriptions, list[i].Domains = subs[list[i].Login], doms[list[i].Login]
		}
		return err
	})
	return list, total, err
}
