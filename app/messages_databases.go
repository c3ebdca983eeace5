package app

// The words of a subscription's databases under Websites & Domains.
func init() {
	addMessages(map[string]words{
		"db.title":           {"Databases", "Bases de données"},
		"db.empty":           {"No database is declared: backups hold none.", "Aucune base de données déclarée : les sauvegardes n'en contiennent pas."},
		"db.col.name":        {"Name", "Nom"},
		"db.col.engine":      {"Engine", "Moteur"},
		"db.col.where":       {"Server or file", "Serveur ou fichier"},
		"db.col.user":        {"User", "Utilisateur"},
		"db.col.password":    {"Password", "Mot de passe"},
		"db.col.actions":     {"Actions", "Actions"},
		"db.engine.postgres": {"PostgreSQL", "PostgreSQL"},
		"db.engine.mysql":    {"MySQL / MariaDB", "MySQL / MariaDB"},
		"db.engine.sqlite":   {"SQLite", "SQLite"},
		"db.password.saved":  {"saved", "enregistré"},
		"db.password.none":   {"none", "aucun"},
		"db.add":             {"Add a database", "Ajouter une base de données"},
		"db.edit":            {"Edit", "Modifier"},
		"db.editTitle":       {"Database {0}", "Base de données {0}"},
		"db.name":            {"Name", "Nom"},
		"db.name.help":       {"As on the server: letters, digits, _ or -.", "Comme sur le serveur : lettres, chiffres, _ ou -."},
		"db.host":            {"Server", "Serveur"},
		"db.host.help":       {"Empty for localhost.", "Vide pour localhost."},
		"db.port":            {"Port", "Port"},
		"db.port.help":       {"Empty for the engine's usual port.", "Vide pour le port habituel du moteur."},
		"db.user":            {"User", "Utilisateur"},
		"db.password":        {"Password", "Mot de passe"},
		"db.password.help":   {"Kept encrypted and never shown. Leave empty to keep the saved one.", "Conservé chiffré et jamais affiché. Laissez vide pour garder celui enregistré."},
		"db.path":            {"Database file", "Fichier de la base"},
		"db.path.help":       {"The absolute path of the SQLite file on this host.", "Le chemin absolu du fichier SQLite sur cet hôte."},
		"db.save":            {"Save", "Enregistrer"},
		"db.saving":          {"Saving…", "Enregistrement…"},
		"db.cancel":          {"Cancel", "Annuler"},
		"err.invalid_engine": {"Choose PostgreSQL, MySQL / MariaDB or SQLite (a SQLite database has a file, no server).", "Choisissez PostgreSQL, MySQL / MariaDB ou SQLite (une base SQLite a un fichier, pas de serveur)."},
		"err.invalid_name":   {"Use 1 to 64 letters, digits, _ or -, not starting with -.", "Utilisez 1 à 64 lettres, chiffres, _ ou -, sans commencer par -."},
	})
}
