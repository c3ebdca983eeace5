package main

import "os"

// The encrypted full backup step: the same full backup with and without a backup password
// (`coffre backup --password-file`: age, scrypt once, then ChaCha20-Poly1305 over every
// object), so that the ratio is what encryption costs.
const (
	stepProtect  = "protect"
	protectLimit = 1.1 // the encrypted full backup's time over the same backup's without a password, at most
)

var protectStep = step{key: stepProtect, title: "encrypted full backup", peerTitle: "coffre backup (no password)",
	only: "corpus", before: writeBackupPassword,
	peer: func(p *pass) measure {
		m, _ := p.c.backup()
		return m
	},
	coffre: func(p *pass) measure {
		m, _ := p.c.backup("--password-file", p.out("backup-password"))
		return m
	}}

// writeBackupPassword writes the password file the encrypted backup reads.
func writeBackupPassword(p *pass) error {
	return os.WriteFile(p.out("backup-password"), []byte("bench backup pass phrase\n"), 0o600)
}
