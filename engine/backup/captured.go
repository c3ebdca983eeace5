package backup

import "coffre/engine/manifest"

// content is what the request asks the backup to hold (Plesk's Backup Manager's rule): configuration only,
// or configuration with mail (configuration and content) and/or user files and databases.
func (r *runner) content() manifest.Captured {
	sp := r.o.Spec
	return manifest.Captured{Files: !sp.ConfigOnly && sp.Files, Mail: !sp.ConfigOnly && sp.Mail,
		Databases: !sp.ConfigOnly && sp.Files}
}

// captured is the record of what the backup holds, for its manifest.
func (r *runner) captured() *manifest.Captured {
	c := r.content()
	c.DBs, c.Mailboxes = r.dbs, r.mailboxes
	if c.DBs == nil {
		c.DBs = []manifest.Database{}
	}
	if c.Mailboxes == nil {
		c.Mailboxes = []manifest.Mailbox{}
	}
	c.WebFiles, c.WebBytes = r.w.webFiles, r.w.webBytes
	return &c
}
