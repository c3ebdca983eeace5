package app

// The words of a backup's Contents page.
func init() {
	addMessages(map[string]words{
		"contents.title":              {"Backup contents", "Contenu de la sauvegarde"},
		"contents.action":             {"Contents", "Contenu"},
		"contents.search":             {"Search by name", "Rechercher par nom"},
		"contents.search.placeholder": {"Part of a file or folder name", "Une partie d'un nom de fichier ou de dossier"},
		"contents.search.submit":      {"Search", "Rechercher"},
		"contents.selection.none":     {"Tick files and folders to restore only them.", "Cochez des fichiers et des dossiers pour ne restaurer qu'eux."},
		"contents.selection":          {"{0} selected", "{0} sélectionné(s)"},
		"contents.restore":            {"Restore the selection", "Restaurer la sélection"},
		"contents.top":                {"Subscriptions", "Abonnements"},
		"contents.where":              {"Folder shown", "Dossier affiché"},
		"contents.empty":              {"Empty folder", "Dossier vide"},
		"contents.empty.text":         {"This folder had no files at the time of the backup.", "Ce dossier n'avait aucun fichier au moment de la sauvegarde."},
		"contents.folder":             {"Files as of this backup", "Fichiers à la date de cette sauvegarde"},
		"contents.prev":               {"Previous", "Précédents"},
		"contents.next":               {"Next", "Suivants"},
		"contents.range":              {"{0}–{1} of {2}", "{0}–{1} sur {2}"},
		"contents.pick":               {"Select", "Sélection"},
		"contents.pick.one":           {"Select {0}", "Sélectionner {0}"},
		"contents.modified":           {"Modified", "Modifié"},
		"contents.versions":           {"Versions", "Versions"},
		"contents.entries":            {"{0} entries", "{0} éléments"},
		"contents.found":              {"Names containing “{0}”", "Noms contenant « {0} »"},
		"contents.found.none":         {"No file or folder of this backup has such a name.", "Aucun fichier ni dossier de cette sauvegarde ne porte un tel nom."},
		"contents.found.more":         {"Only the first {0} are shown: refine the search.", "Seuls les {0} premiers sont affichés : précisez la recherche."},
		"contents.versionsOf":         {"Versions of {0}", "Versions de {0}"},
		"contents.inBackups":          {"Backups holding it", "Sauvegardes qui la contiennent"},
		"contents.version.open":       {"Open that backup", "Ouvrir cette sauvegarde"},
	})
}
