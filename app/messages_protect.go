package app

// The words of password-protected backups and of the free-space check.
func init() {
	addMessages(map[string]words{
		"err.backup_password_required":  {"This backup is password-protected: enter its password.", "Cette sauvegarde est protégée par un mot de passe : saisissez-le."},
		"err.wrong_backup_password":     {"Wrong password for this backup.", "Mot de passe incorrect pour cette sauvegarde."},
		"err.invalid_backup_password":   {"A backup password is 1 to 1024 characters, without control characters.", "Un mot de passe de sauvegarde compte 1 à 1024 caractères, sans caractère de contrôle."},
		"err.invalid_min_free":          {"The minimum free space must be between 0 and 1 PB.", "L'espace libre minimal doit être compris entre 0 et 1 Po."},
		"fail.space_short":              {"Not enough free space for it: check the free space of the storage.", "Espace libre insuffisant : vérifiez l'espace libre du stockage."},
		"fail.space_short.arg":          {"Not enough free space: about {0} needed, {1} free in {2}. Free some space, for instance by deleting old backups, then try again.", "Espace libre insuffisant : environ {0} nécessaires, {1} libres dans {2}. Libérez de la place, par exemple en supprimant d'anciennes sauvegardes, puis réessayez."},
		"fail.wrong_backup_password":    {"Wrong password for this backup: enter the password it was made with.", "Mot de passe incorrect pour cette sauvegarde : saisissez celui avec lequel elle a été faite."},
		"fail.backup_password_required": {"This backup is password-protected: enter its password.", "Cette sauvegarde est protégée par un mot de passe : saisissez-le."},
		"backups.protected":             {"Password-protected", "Protégée par un mot de passe"},
		"form.password":                 {"Protect with a password", "Protéger par un mot de passe"},
		"form.password.help":            {"The backup is encrypted: restoring, browsing or verifying it asks for this password, which Coffre does not keep. Without it the backup cannot be read.", "La sauvegarde est chiffrée : la restaurer, la parcourir ou la vérifier demande ce mot de passe, que Coffre ne conserve pas. Sans lui, la sauvegarde est illisible."},
		"space.title":                   {"Free space", "Espace libre"},
		"space.minFree":                 {"Minimum free space to keep (GB)", "Espace libre minimal à conserver (Go)"},
		"space.minFree.help":            {"A backup to the server storage or a restore that would leave less free space is refused before it writes. 0 keeps none.", "Une sauvegarde sur le stockage du serveur ou une restauration qui laisserait moins d'espace libre est refusée avant d'écrire. 0 : aucun minimum."},
		"space.save":                    {"Save", "Enregistrer"},
		"space.saved":                   {"Saved.", "Enregistré."},
		"restore.password":              {"Backup password", "Mot de passe de la sauvegarde"},
	})
}
