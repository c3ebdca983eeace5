package app

// The words of a protected backup's Contents and Download, which ask its password.
func init() {
	addMessages(map[string]words{
		"contents.password.title": {"This backup is password-protected", "Cette sauvegarde est protégée par un mot de passe"},
		"contents.password.help":  {"Enter its password to see its files. The panel keeps it only while it stays open, and never sends it in an address.", "Saisissez son mot de passe pour voir ses fichiers. Le panneau ne le garde que tant qu'il reste ouvert, et ne l'envoie jamais dans une adresse."},
		"contents.password.open":  {"Show the contents", "Afficher le contenu"},
		"download.title":          {"Download {0}", "Télécharger {0}"},
		"download.help":           {"This backup is password-protected: with its password, the whole archive downloads decrypted, as one .tar.zst file.", "Cette sauvegarde est protégée par un mot de passe : avec lui, l'archive entière se télécharge déchiffrée, en un fichier .tar.zst."},
		"download.submit":         {"Download", "Télécharger"},
		"download.busy":           {"Checking the password…", "Vérification du mot de passe…"},
		"download.started":        {"The download of {0} has started: your browser saves it.", "Le téléchargement de {0} a commencé : votre navigateur l'enregistre."},
	})
}
