package notify

import "coffre/server/failure"

// whyWords say, in the mail's two languages, what a failure (server/failure) means and what
// to do, for whoever reads the mail: no advice that only the administrator could follow.
var whyWords = map[string][2]string{
	failure.Unreachable:  {"The server could not be reached: check the host name and the port in the settings, and that the server is running.", "Le serveur était injoignable : vérifiez le nom d'hôte et le port dans les paramètres, et que le serveur fonctionne."},
	failure.UnknownHost:  {"The host name does not exist: check its spelling in the settings.", "Le nom d'hôte n'existe pas : vérifiez son orthographe dans les paramètres."},
	failure.Timeout:      {"The server stopped answering. Try again later.", "Le serveur a cessé de répondre. Réessayez plus tard."},
	failure.AuthRefused:  {"The server refused the login or the password: check them in the settings.", "Le serveur a refusé l'identifiant ou le mot de passe : vérifiez-les dans les paramètres."},
	failure.TLS:          {"The secure connection failed: check the security setting.", "La connexion sécurisée a échoué : vérifiez le paramètre de sécurité."},
	failure.Fingerprint:  {"The server's certificate is not the one the settings trust.", "Le certificat du serveur n'est pas celui que les paramètres reconnaissent."},
	failure.NoSuchBackup: {"The storage holds no backup of that name: the Backup Manager lists the backups it holds.", "Le stockage ne contient aucune sauvegarde de ce nom : le Gestionnaire de sauvegardes liste celles qu'il contient."},
	failure.NotFound:     {"A file of the backup is missing from the storage: the backup is damaged.", "Un fichier de la sauvegarde manque dans le stockage : la sauvegarde est endommagée."},
	failure.NoSpace:      {"The disk or the quota is full: free some space, then try again.", "Le disque ou le quota est plein : libérez de la place, puis réessayez."},
	failure.Corrupt:      {"The backup's data is damaged.", "Les données de la sauvegarde sont endommagées."},
	failure.Signature:    {"The backup is not signed by a key this host trusts.", "La sauvegarde n'est pas signée par une clé reconnue par cet hôte."},
	failure.BrokenChain:  {"A backup this incremental backup builds on is missing or damaged: make a full backup.", "Une sauvegarde sur laquelle repose cette sauvegarde incrémentale manque ou est endommagée : faites une sauvegarde complète."},
	failure.VerifyFailed: {"The verification found problems: do not rely on this backup.", "La vérification a trouvé des problèmes : ne comptez pas sur cette sauvegarde."},
	failure.Busy:         {"Another backup or restore of this account was running. Try again once it has ended.", "Une autre sauvegarde ou restauration de ce compte était en cours. Réessayez une fois qu'elle sera terminée."},
	failure.Refused:      {"The request was no longer allowed: the rights or the subscriptions of the account changed.", "La demande n'était plus autorisée : les droits ou les abonnements du compte ont changé."},
	failure.SafetyFailed: {"The safety backup made before the restore failed, so nothing was restored.", "La sauvegarde de sécurité faite avant la restauration a échoué : rien n'a donc été restauré."},
	failure.FTPNotSetUp:  {"The personal FTP storage is not set up.", "Le stockage FTP personnel n'est pas configuré."},
}

func init() {
	for code, w := range whyWords {
		catalog["why."+code] = w
	}
	catalog["label.why"] = [2]string{"Why", "Pourquoi"}
	catalog["label.detail"] = [2]string{"Technical detail", "Détail technique"}
}

// why writes what a failed task's error means, when it is known, before its technical detail.
func (w *text) why(info *failure.Info) {
	if info == nil {
		return
	}
	if _, ok := whyWords[info.Code]; ok {
		w.line("why", w.t("why."+info.Code))
	}
}
