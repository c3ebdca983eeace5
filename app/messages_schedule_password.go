package app

// The words of the Schedule page's backup password.
func init() {
	addMessages(map[string]words{
		"schedule.password.help": {"The scheduled backups are encrypted with this password. To run them, Coffre keeps it on this server, encrypted with the server's secret key; it is never shown again. Restoring, browsing or verifying these backups asks for it: note it somewhere safe.",
			"Les sauvegardes planifiées sont chiffrées avec ce mot de passe. Pour les lancer, Coffre le conserve sur ce serveur, chiffré avec la clé secrète du serveur ; il n'est plus jamais affiché. Restaurer, parcourir ou vérifier ces sauvegardes le demande : notez-le en lieu sûr."},
		"schedule.password.placeholder": {"Kept: leave blank to keep it", "Conservé : laisser vide pour le garder"},
		"schedule.password.kept":        {"A password is kept, encrypted, on this server for the scheduled runs. Type a new one to replace it.", "Un mot de passe est conservé, chiffré, sur ce serveur pour les sauvegardes planifiées. Saisissez-en un nouveau pour le remplacer."},
		"schedule.password.forget":      {"Saving now forgets the kept password: the next scheduled backups are not protected.", "Enregistrer maintenant oublie le mot de passe conservé : les prochaines sauvegardes planifiées ne seront pas protégées."},
	})
}
