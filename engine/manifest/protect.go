package manifest

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"coffre/engine/storage"
)

// Object name suffixes of a password-protected backup N: its index and archive are stored
// encrypted with age as N.index.zst.age and N.tar.zst.age (N.tar.zst.age.001, .002, ... when
// split: the pieces of one age stream), and the full manifest as N.details.json.age.
const (
	SealedSuffix  = ".age"
	DetailsSuffix = ".details.json"
)

// SchemeAgeScrypt is the one protection scheme: age with a passphrase (scrypt) recipient.
const SchemeAgeScrypt = "age-scrypt"

// Protection describes how a backup is encrypted. The signed manifest of a protected backup
// holds nothing sensitive: no path, no subscription, mailbox, database or file name, no
// exclusion; the full record is the encrypted Details object.
type Protection struct {
	Scheme     string `json:"scheme"`     // SchemeAgeScrypt
	WorkFactor int    `json:"workFactor"` // scrypt's log2(N) for the objects' passphrase stanzas
	Details    Object `json:"details"`    // N.details.json.age, as stored
}

// ErrLocked is wrapped by errors about reading a protected backup without its password.
var ErrLocked = errors.New("the backup is password-protected: its password is needed")

// Unsealer is a storage that knows a backup password: it decrypts the objects of protected
// backups, and turns a protected backup's signed manifest into its full record (checked
// against the signed one).
type Unsealer interface {
	storage.Storage
	Unseal(ctx context.Context, m Manifest) (Manifest, error)
}

// DetailsName is the object name of protected backup n's full manifest.
func DetailsName(n string) string { return n + DetailsSuffix + SealedSuffix }

// unseal returns m's full record when m is protected and st knows the password; else m.
func unseal(ctx context.Context, st storage.Storage, m Manifest) (Manifest, error) {
	u, ok := st.(Unsealer)
	if m.Protection == nil || !ok {
		return m, nil
	}
	return u.Unseal(ctx, m)
}

// readable refuses to read a protected backup's objects from a storage without its password.
func readable(st storage.Storage, m Manifest) error {
	if _, ok := st.(Unsealer); m.Protection != nil && !ok {
		return fmt.Errorf("backup %s: %w", m.Name, ErrLocked)
	}
	return nil
}

// Stored is the objects of m as the storage holds them (the details object included).
func (m Manifest) Stored() []Object {
	out := append([]Object{m.Index}, m.Volumes...)
	if m.Protection != nil && m.Protection.Details.Name != "" {
		out = append(out, m.Protection.Details)
	}
	return out
}

func (p *Protection) check(n string) error {
	if p == nil {
		return nil
	}
	if p.Scheme != SchemeAgeScrypt || p.WorkFactor < 10 || p.WorkFactor > 22 || p.Details.check(DetailsName(n)) != nil {
		return fmt.Errorf("protection: %w", ErrInvalid)
	}
	return nil
}

// objectName is name, or its encrypted object's name when sealed.
func objectName(name string, sealed bool) string {
	if sealed {
		return name + SealedSuffix
	}
	return name
}

// volumeName is VolumeName for a backup that may be protected: N.tar.zst.age, or
// N.tar.zst.age.001, .002, ... when split.
func volumeName(n string, split bool, i int, sealed bool) string {
	switch {
	case !sealed:
		return VolumeName(n, split, i)
	case !split:
		return n + ArchiveSuffix + SealedSuffix
	}
	return fmt.Sprintf("%s%s%s.%03d", n, ArchiveSuffix, SealedSuffix, i+1)
}

// SealedVolumeName is the object name of volume i (0-based) of protected backup n.
func SealedVolumeName(n string, split bool, i int) string { return volumeName(n, split, i, true) }

// sealedBackupOf returns the backup an encrypted object belongs to.
func sealedBackupOf(object string) (string, bool) {
	if p, ok := strings.CutSuffix(object, SealedSuffix); ok {
		for _, s := range []string{DetailsSuffix, IndexSuffix, ArchiveSuffix} {
			if n, ok := strings.CutSuffix(p, s); ok && n != "" {
				return n, true
			}
		}
		return "", false
	}
	i := strings.LastIndex(object, ArchiveSuffix+SealedSuffix+".")
	if i <= 0 {
		return "", false
	}
	num := object[i+len(ArchiveSuffix+SealedSuffix)+1:]
	if v, err := strconv.Atoi(num); err != nil || v < 1 || len(num) < 3 || num[0] == '+' {
		return "", false
	}
	return object[:i], true
}

// ParseRecord reads a manifest record alone (no signature), as strictly as Parse: the full
// record a protected backup keeps encrypted.
func ParseRecord(data []byte) (Manifest, error) {
	var m Manifest
	if err := strict(data, &m); err != nil {
		return m, fmt.Errorf("parse manifest record: %w: %w", ErrInvalid, err)
	}
	if m.Protection != nil {
		return Manifest{}, fmt.Errorf("parse manifest record: protection: %w", ErrInvalid)
	}
	if err := m.validate(); err != nil {
		return Manifest{}, fmt.Errorf("parse manifest record: %w", err)
	}
	return m, nil
}

// Redacted is m without what names anything in the backup (paths, exclusions, subscriptions,
// mailboxes, databases, the notified address): what a protected backup's signed manifest says.
func Redacted(m Manifest) Manifest {
	m.Subscriptions = []string{}
	m.Spec.Subscriptions, m.Spec.Exclude, m.Spec.Notify = nil, "", ""
	if m.Captured != nil {
		c := *m.Captured
		c.DBs, c.Mailboxes = nil, nil
		m.Captured = &c
	}
	return m
}
