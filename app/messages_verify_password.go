package app

// The words of the dialog that asks a protected backup's password for its verification.
func init() {
	addMessages(map[string]words{
		"verify.password.title": {"Verify {0}", "Vérifier {0}"},
		"verify.password.help":  {"This backup is password-protected: with its password, Coffre reads back every volume and every file and checks them against what was written. The panel keeps it only while it stays open.", "Cette sauvegarde est protégée par un mot de passe : avec lui, Coffre relit chaque volume et chaque fichier et les compare à ce qui a été écrit. Le panneau ne le garde que tant qu'il reste ouvert."},
	})
}
