// Package protect encrypts a password-protected backup's objects with age (passphrase) as they are stored and decrypts them as they are read.
package protect
