package app

import (
	"testing"

	"coffre/engine/pattern"
	"coffre/engine/spec"
)

// apiCodes are the error codes of the HTTP API (docs/api.md) that the panel may receive.
var apiCodes = []string{"login_failed", "rate_limited", "unauthenticated", "forbidden", "not_found",
	"invalid_request", "mail_failed", "preview_timeout", "invalid_password", "cross_origin", "bad_request", "busy", "exists",
	// the mail settings' refusals (server/notify and server/store)
	"invalid_domain", "invalid_port", "invalid_tls", "insecure_auth", "invalid_text", "invalid_email", "required",
	// the FTP storage
	"storage_unreachable",
	// download, upload, verify, delete
	"has_dependents", "confirm_names", "delete_incomplete", "upload_manifest_first", "upload_unknown_object",
	"upload_mismatch", "upload_missing", "upload_other_client", "upload_signature", "upload_too_large", "invalid_manifest",
	// errors whose cause the panel explains (server/failure)
	"preview_failed", "backup_corrupt", "notifications_unavailable",
	// the administration and one's own password
	"wrong_password", "same_password", "password_change_required", "client_busy",
	// password-protected backups, the free-space setting
	"backup_password_required", "wrong_backup_password", "invalid_backup_password", "invalid_min_free"}

// Every error code the panel can meet has its words in English and in French.
func TestEveryErrorCodeIsTranslated(t *testing.T) {
	sources := map[string][]string{"api": apiCodes, "engine/pattern": pattern.Codes, "engine/spec": spec.Codes}
	for source, codes := range sources {
		if len(codes) == 0 {
			t.Errorf("%s lists no codes", source)
		}
		for _, code := range codes {
			w, ok := messages["err."+code]
			if !ok || w.en == "" || w.fr == "" {
				t.Errorf("%s code %q: no translation (key %q in messages.go)", source, code, "err."+code)
			}
		}
	}
}
