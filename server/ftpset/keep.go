package ftpset

import (
	"strings"

	"coffre/engine/account"
	"coffre/engine/spec"
	"coffre/server/store"
)

// A form that leaves the password blank keeps the saved one only for the same server: the
// same host, port, user and TLS mode. Otherwise whoever holds the session (the client, or
// someone who took it over) could send the saved password, which the administrator may have
// typed, to a server of theirs or in clear, by changing the host and leaving the password blank.

// errRetype is the refusal of a blank password for another server.
var errRetype = spec.Errors{{Field: "password", Code: spec.CodeRequired}}

// checkKeep refuses f, whose password is blank, when the saved settings are for another server.
func checkKeep(st *store.Store, login string, f spec.FTP) error {
	c, err := st.Client(login)
	if err != nil || c.FTP == nil || !c.FTP.HasPassword {
		return err
	}
	if !sameServer(*c.FTP, f) {
		return errRetype
	}
	return nil
}

func sameServer(old account.FTPSettings, f spec.FTP) bool {
	return strings.EqualFold(old.Host, f.Host) && old.Port == f.Port && old.User == f.User && old.TLS == f.TLS
}
