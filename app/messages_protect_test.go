package app

import "testing"

// The free-space refusal and the password errors of a task read in both languages.
func TestTaskErrorText(t *testing.T) {
	msg := "backup: not enough free space: about 21.0 MB needed, 16.0 MB free in /var/lib/coffre/storage/acme"
	if got, want := taskErrorText(langFR, msg), "Espace libre insuffisant : environ 21,0 Mo nécessaires, 16,0 Mo libres dans /var/lib/coffre/storage/acme."; got != want {
		t.Errorf("fr: %q, want %q", got, want)
	}
	if got, want := taskErrorText(langEN, msg), "Not enough free space: about 21.0 MB needed, 16.0 MB free in /var/lib/coffre/storage/acme."; got != want {
		t.Errorf("en: %q, want %q", got, want)
	}
	if got := taskErrorText(langFR, "restore: unseal x: wrong backup password (...)"); got != "Mot de passe incorrect pour cette sauvegarde." {
		t.Errorf("wrong password, fr: %q", got)
	}
	if got := taskErrorText(langEN, "something else"); got != "something else" {
		t.Errorf("other error: %q", got)
	}
}
