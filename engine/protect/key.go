package protect

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"strconv"
	"sync"
	"unicode/utf8"

	"filippo.io/age"
	"golang.org/x/crypto/chacha20poly1305"
	"golang.org/x/crypto/scrypt"
)

// WorkFactor is scrypt's log2(N) in the passphrase stanza of every encrypted object: 2^15
// (32 MiB of memory, about 0.1 s on one core of a current server). Coffre derives it once per
// object written, ahead of time, and once per backup read (the backup's encrypted details
// hold the other objects' file keys); the age command derives it once per file.
const WorkFactor = 15

// MaxPassword bounds a backup password, in bytes.
const MaxPassword = 1024

const scryptLabel = "age-encryption.org/v1/scrypt"

// scryptSlots bounds the scrypt derivations running at once in the process: each takes 32 MiB
// and a tenant can ask for one per request (a password tried on its Contents page), so many at
// once would exhaust the host's memory; the others wait their turn.
var scryptSlots = make(chan struct{}, 2)

// withSlot runs f once a scrypt slot is free.
func withSlot[T any](f func() (T, error)) (T, error) {
	scryptSlots <- struct{}{}
	defer func() { <-scryptSlots }()
	return f()
}

// Errors callers branch on.
var (
	ErrWrongPassword = errors.New("wrong backup password")
	ErrBadPassword   = errors.New("a backup password must be 1 to 1024 bytes of UTF-8 text without control characters")
)

// Key is a backup password, with what was derived from it. It is safe for concurrent use.
type Key struct {
	password []byte
	pre      chan wrapKey
	mu       sync.Mutex
	files    map[string][]byte // stored object name -> its file key, from a backup's details
	unwraps  map[string][]byte // a stanza seen before -> the file key it wraps
}

// wrapKey is a fresh salt with the key scrypt derives from it and the password.
type wrapKey struct {
	salt, key []byte
}

// NewKey checks password and returns its Key.
func NewKey(password string) (*Key, error) {
	if password == "" || len(password) > MaxPassword || !utf8.ValidString(password) {
		return nil, ErrBadPassword
	}
	for _, c := range password {
		if c < 0x20 || c == 0x7f {
			return nil, ErrBadPassword
		}
	}
	return &Key{password: []byte(password), files: map[string][]byte{}, unwraps: map[string][]byte{}}, nil
}

// Prepare derives the keys of n objects to write in the background (a backup writes three),
// so that scrypt's cost stays off the backup's path.
func (k *Key) Prepare(n int) {
	k.mu.Lock()
	if k.pre == nil {
		k.pre = make(chan wrapKey, n)
		go func() {
			for range n {
				if w, err := k.derive(); err == nil {
					k.pre <- w
				}
			}
		}()
	}
	k.mu.Unlock()
}

func (k *Key) derive() (wrapKey, error) {
	salt := make([]byte, 16)
	if _, err := rand.Read(salt); err != nil {
		return wrapKey{}, err
	}
	key, err := withSlot(func() ([]byte, error) {
		return scrypt.Key(k.password, append([]byte(scryptLabel), salt...), 1<<WorkFactor, 8, 1, chacha20poly1305.KeySize)
	})
	return wrapKey{salt, key}, err
}

// next is a prepared wrap key, or one derived now.
func (k *Key) next() (wrapKey, error) {
	k.mu.Lock()
	pre := k.pre
	k.mu.Unlock()
	if pre != nil {
		select {
		case w := <-pre:
			return w, nil
		default:
		}
	}
	return k.derive()
}

// recipient wraps each file key in a standard age scrypt stanza (what age's ScryptRecipient
// writes, with a salt derived ahead of time), and tells got the file key.
type recipient struct {
	k   *Key
	got func(fileKey []byte)
}

func (r recipient) Wrap(fileKey []byte) ([]*age.Stanza, error) {
	w, err := r.k.next()
	if err != nil {
		return nil, fmt.Errorf("derive key: %w", err)
	}
	aead, err := chacha20poly1305.New(w.key)
	if err != nil {
		return nil, err
	}
	body := aead.Seal(nil, make([]byte, chacha20poly1305.NonceSize), fileKey, nil)
	r.got(append([]byte(nil), fileKey...))
	return []*age.Stanza{{Type: "scrypt", Args: []string{base64.RawStdEncoding.EncodeToString(w.salt),
		strconv.Itoa(WorkFactor)}, Body: body}}, nil
}

// identity unwraps an object's file key: the one the backup's details gave for it, one
// unwrapped before from the same stanza, or with scrypt.
type identity struct {
	k    *Key
	name string // the stored object
}

func (id identity) Unwrap(stanzas []*age.Stanza) ([]byte, error) {
	id.k.mu.Lock()
	fk, ok := id.k.files[id.name]
	id.k.mu.Unlock()
	if ok {
		return fk, nil
	}
	memo := stanzaKey(stanzas)
	id.k.mu.Lock()
	fk, ok = id.k.unwraps[memo]
	id.k.mu.Unlock()
	if ok {
		return fk, nil
	}
	si, err := age.NewScryptIdentity(string(id.k.password))
	if err != nil {
		return nil, err
	}
	// Coffre writes WorkFactor: a stanza asking more (a crafted upload) is refused rather
	// than allowed to take gigabytes (2^22 would take 4 GiB).
	si.SetMaxWorkFactor(WorkFactor)
	fk, err = withSlot(func() ([]byte, error) { return si.Unwrap(stanzas) })
	if errors.Is(err, age.ErrIncorrectIdentity) {
		return nil, fmt.Errorf("%w (%w)", ErrWrongPassword, err)
	}
	if err == nil {
		id.k.mu.Lock()
		id.k.unwraps[memo] = fk
		id.k.mu.Unlock()
	}
	return fk, err
}

func stanzaKey(ss []*age.Stanza) string {
	h := sha256.New()
	for _, s := range ss {
		fmt.Fprintf(h, "%q %q %x\n", s.Type, s.Args, s.Body)
	}
	return string(h.Sum(nil))
}

// learn records the file keys of a backup's objects.
func (k *Key) learn(keys map[string][]byte) {
	k.mu.Lock()
	for n, fk := range keys {
		k.files[n] = fk
	}
	k.mu.Unlock()
}
