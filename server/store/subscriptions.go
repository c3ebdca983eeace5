package store

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"coffre/engine/account"
)

// DefaultDocRoot is the document root of a subscription's main domain unless told otherwise.
const DefaultDocRoot = "httpdocs"

// AddSubscription stores a new subscription of an existing client, and its main domain as a
// Domain served from docRoot (DefaultDocRoot when empty). The webspace root must be an absolute
// path to an existing directory; it is stored with symbolic links resolved, and refused when it
// is, contains or is inside another subscription's root, or contains the data directory.
func (s *Store) AddSubscription(sub account.Subscription, docRoot string) (account.Subscription, error) {
	sub.Domain = NormalizeDomain(sub.Domain)
	if docRoot == "" {
		docRoot = DefaultDocRoot
	}
	if err := s.checkSubscription(&sub, docRoot); err != nil {
		return sub, err
	}
	return sub, s.Update(func(tx *Tx) error {
		if _, err := getClient(tx, sub.Client); err != nil {
			return err
		}
		if err := checkUnique(tx, sub.Domain); err != nil {
			return err
		}
		if err := checkOverlap(tx, sub.Root); err != nil {
			return err
		}
		if err := Put(tx, bucketSubscriptions, sub.Domain, sub); err != nil {
			return err
		}
		d := account.Domain{Name: sub.Domain, Subscription: sub.Domain, DocRoot: docRoot}
		return Put(tx, bucketDomains, d.Name, d)
	})
}

func (s *Store) checkSubscription(sub *account.Subscription, docRoot string) error {
	if err := ValidateDomain("domain", sub.Domain); err != nil {
		return err
	}
	if err := ValidateLogin(sub.Client); err != nil {
		return err
	}
	for _, l := range sub.Logs {
		if err := ValidateRel("logs", l); err != nil {
			return err
		}
	}
	if sub.User != "" {
		if err := ValidateSystemUser("user", sub.User); err != nil {
			return err
		}
	}
	if err := ValidateRel("docroot", docRoot); err != nil {
		return err
	}
	root, err := s.resolveRoot(sub.Root)
	sub.Root = root
	return err
}

// resolveRoot checks that root is an existing directory outside the data directory and returns
// it with symbolic links resolved.
func (s *Store) resolveRoot(root string) (string, error) {
	if !filepath.IsAbs(root) || strings.ContainsFunc(root, func(r rune) bool { return r < ' ' || r == 0x7f }) {
		return root, invalid(CodeNotAbsolute, "root", "the webspace root "+quote(root)+" must be an absolute path", root)
	}
	fi, err := os.Stat(root)
	if errors.Is(err, fs.ErrNotExist) {
		return root, invalid(CodeRootMissing, "root", "the webspace root "+root+" does not exist", root)
	}
	if err != nil {
		return root, &Error{Code: CodeRootMissing, Field: "root", Args: []string{root}, Err: err,
			Msg: "the webspace root " + root + " cannot be read: " + err.Error()}
	}
	if !fi.IsDir() {
		return root, invalid(CodeRootNotDir, "root", "the webspace root "+root+" is not a directory", root)
	}
	real, err := filepath.EvalSymlinks(root)
	if err != nil {
		return root, &Error{Code: CodeRootMissing, Field: "root", Args: []string{root}, Err: err,
			Msg: "the webspace root " + root + " cannot be resolved: " + err.Error()}
	}
	if within(real, s.dir) {
		return real, invalid(CodeRootData, "root", "the webspace root "+real+
			" contains Coffre's data directory "+s.dir, real, s.dir)
	}
	return real, nil
}

// within reports whether p is base or inside it.
func within(base, p string) bool {
	rel, err := filepath.Rel(base, p)
	return err == nil && (rel == "." || filepath.IsLocal(rel))
}

func checkOverlap(tx *Tx, root string) error {
	return Each(tx, bucketSubscriptions, func(_ string, o account.Subscription) error {
		how := ""
		switch {
		case o.Root == root:
			how = "is already the webspace root of subscription " + o.Domain
		case within(o.Root, root):
			how = "is inside the webspace root of subscription " + o.Domain + " (" + o.Root + ")"
		case within(root, o.Root):
			how = "contains the webspace root of subscription " + o.Domain + " (" + o.Root + ")"
		default:
			return nil
		}
		return invalid(CodeRootOverlap, "root", "the webspace root "+root+" "+how, root, o.Domain, o.Root)
	})
}

// checkUnique refuses a domain name that is already a subscription or a domain.
func checkUnique(tx *Tx, name string) error {
	if _, ok, err := Get[account.Subscription](tx, bucketSubscriptions, name); err != nil || ok {
		return orExists(err, "subscription", name)
	}
	if _, ok, err := Get[account.Domain](tx, bucketDomains, name); err != nil || ok {
		return orExists(err, "domain", name)
	}
	return nil
}

// Subscription returns the subscription whose main domain is domain.
func (s *Store) Subscription(domain string) (sub account.Subscription, err error) {
	err = s.View(func(tx *Tx) error {
		sub, err = getSubscription(tx, NormalizeDomain(domain))
		return err
	})
	return sub, err
}

func getSubscription(tx *Tx, domain string) (account.Subscription, error) {
	sub, ok, err := Get[account.Subscription](tx, bucketSubscriptions, domain)
	if err == nil && !ok {
		err = notFound("subscription", domain)
	}
	return sub, err
}

// Subscriptions returns the subscriptions of client, or all of them when client is empty, by
// domain. An unknown client gives an error matching ErrNotFound.
func (s *Store) Subscriptions(client string) (list []account.Subscription, err error) {
	err = s.View(func(tx *Tx) error {
		if client != "" {
			if _, err := getClient(tx, client); err != nil {
				return err
			}
		}
		return Each(tx, bucketSubscriptions, func(_ string, sub account.Subscription) error {
			if client == "" || sub.Client == client {
				list = append(list, sub)
			}
			return nil
		})
	})
	return list, err
}
