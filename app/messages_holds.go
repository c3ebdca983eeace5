package app

// The words that say what a backup holds, from its manifest's record.
func init() {
	addMessages(map[string]words{
		"holds.unknown":       {"not recorded (a backup made before Coffre recorded its content)", "non enregistré (sauvegarde antérieure à l'enregistrement du contenu)"},
		"holds.configOnly":    {"configuration only", "configuration uniquement"},
		"holds.config":        {"configuration", "configuration"},
		"holds.files":         {"files: {0}", "fichiers : {0}"},
		"holds.dbs":           {"databases: {0}", "bases de données : {0}"},
		"holds.dbsFailed":     {"{0} NOT backed up", "{0} NON sauvegardée(s)"},
		"holds.mail":          {"mail: {0} mailbox(es), {1} messages", "messagerie : {0} boîte(s), {1} messages"},
		"holds.details":       {"What this backup holds", "Contenu de cette sauvegarde"},
		"holds.subscriptions": {"Subscriptions: {0}", "Abonnements : {0}"},
		"holds.db":            {"Database {0} ({1}): {2}", "Base {0} ({1}) : {2}"},
		"holds.dbFailed":      {"Database {0} ({1}): NOT backed up: {2}", "Base {0} ({1}) : NON sauvegardée : {2}"},
		"holds.mailbox":       {"Mailbox {0}: {1} messages", "Boîte {0} : {1} messages"},
		"holds.mailboxFailed": {"Mailbox {0}: NOT backed up: {1}", "Boîte {0} : NON sauvegardée : {1}"},
		"col.holds":           {"Holds", "Contient"},
		"col.contentAsked":    {"Content asked", "Contenu demandé"},
		"status.warnings":     {"Done with warnings", "Terminée avec avertissements"},
		"result.warnings.title": {"The backup is complete, with warnings: not everything asked is in it",
			"La sauvegarde est terminée, avec des avertissements : tout ce qui était demandé n'y figure pas"},
		"result.warnings.next": {"What next: read the warnings below (a database not dumped, a file skipped), correct their cause, then back up again.",
			"Et ensuite : lisez les avertissements ci-dessous (base non exportée, fichier ignoré), corrigez-en la cause, puis relancez la sauvegarde."},
		"warn.database_not_dumped": {"database NOT backed up", "base de données NON sauvegardée"},
		"warn.mailbox_unreadable":  {"mailbox NOT backed up: its Maildir could not be read", "boîte aux lettres NON sauvegardée : son Maildir est illisible"},
		"warn.not_restored":        {"not restored", "non restauré"},
	})
}
