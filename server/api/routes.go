package api

import "net/http"

// routes registers every route. Object routes check the session's rights on the object; a
// client asking for another client's object gets the same 404 as for a missing one.
//
//	POST /api/login            {login, password} -> account.Me; 401 login_failed; 429 rate_limited
//	POST /api/logout           -> 204
//	POST / and POST /login     the login form posted by the browser -> 303 to ?next= or home;
//	                           303 to /login?error=CODE when refused
//	GET  /api/me               -> account.Me; 401 unauthenticated
//	PUT  /api/me/lang          {lang: "en"|"fr"} -> account.Me: the saved language of the panel
//	GET  /api/clients          -> []account.ClientSummary (administrator only; 403 forbidden)
//	GET  /api/clients/{login}  -> account.Account; 404 not_found
//
// With Jobs, Tasks and Keys (see docs/api.md):
//
//	GET  /api/clients/{login}/backups   ?storage=server|ftp -> []jobs.Listed, newest first; 502 storage_unreachable
//	POST /api/clients/{login}/restores  spec.Restore -> 202 tasks.Task; 403 forbidden (trustKey, rootBase,
//	                                    recreate and to are the administrator's)
//	POST /api/clients/{login}/restores/preview  spec.Restore -> restore.Preview; 422 preview_failed
//	                                    (refused as the restore would be)
//	GET  /api/clients/{login}/backups/{name}/tree|search|versions  what a backup holds (docs/api.md)
//	GET  /api/clients/{login}/ftp       -> ftpView (never the password); 403 without the FTP right
//	PUT  /api/clients/{login}/ftp       spec.FTP (empty password keeps the saved one) -> ftpView
//	POST /api/clients/{login}/ftp/test  spec.FTP -> ftpTestView: each step with the server's answer
//	POST /api/clients/{login}/backups   spec.Backup -> 202 tasks.Task; 400 invalid_request; 403 forbidden
//	POST /api/clients/{login}/preview   spec.Backup -> jobs.PreviewResult; 400 invalid_request; 503 preview_timeout
//	GET  /api/clients/{login}/tasks     -> []tasks.Task, newest first (50)
//	PUT  /api/clients/{login}/password  {password} -> 204 (administrator only)
//	PUT  /api/clients/{login}/databases/{subscription}/{name}  databaseRequest -> account.Database
//	                                    (administrator only; adds or changes; 400 with the field refused)
//	GET  /api/tasks                     -> []tasks.Task of every client (administrator only)
//	GET  /api/tasks/{id}                -> tasks.Task with its live progress
//	POST /api/tasks/{id}/cancel         -> tasks.Task
//	GET  /api/settings/smtp             -> smtpView (administrator only)
//	PUT  /api/settings/smtp             smtpRequest -> smtpView (administrator only)
//	POST /api/settings/smtp/test        {to} -> {sent: true}; 502 mail_failed (administrator only)
//	GET  /api/notifications             -> {available: bool}: whether task notifications can be sent
func (s *server) routes(mux *http.ServeMux) {
	mux.HandleFunc("POST /api/login", s.login)
	mux.HandleFunc("POST /api/logout", s.logout)
	for _, pattern := range FormLoginPaths {
		mux.HandleFunc(pattern, s.formLogin)
	}
	mux.HandleFunc("GET /api/me", s.authed(s.me))
	mux.HandleFunc("PUT /api/me/lang", s.authed(s.setLang))
	mux.HandleFunc("GET /api/clients", s.authed(s.adminOnly(s.clients)))
	mux.HandleFunc("GET /api/clients/{login}", s.authed(s.client))
	s.adminRoutes(mux)
	if s.Jobs != nil && s.Tasks != nil && s.Keys != nil {
		s.taskRoutes(mux)
	}
	mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		writeProblem(w, http.StatusNotFound, notFoundProblem)
	})
}

func (s *server) taskRoutes(mux *http.ServeMux) {
	mux.HandleFunc("GET /api/clients/{login}/backups", s.authed(s.ofClient(s.backups)))
	mux.HandleFunc("POST /api/clients/{login}/backups", s.authed(s.ofClient(s.startBackup)))
	mux.HandleFunc("POST /api/clients/{login}/preview", s.authed(s.ofClient(s.preview)))
	mux.HandleFunc("POST /api/clients/{login}/restores", s.authed(s.ofClient(s.startRestore)))
	mux.HandleFunc("POST /api/clients/{login}/restores/preview", s.authed(s.ofClient(s.previewRestore)))
	s.contentRoutes(mux)
	mux.HandleFunc("GET /api/clients/{login}/ftp", s.authed(s.ofClient(s.withFTPRight(s.ftpSettings))))
	mux.HandleFunc("PUT /api/clients/{login}/ftp", s.authed(s.ofClient(s.withFTPRight(s.setFTP))))
	mux.HandleFunc("POST /api/clients/{login}/ftp/test", s.authed(s.ofClient(s.withFTPRight(s.testFTP))))
	mux.HandleFunc("GET /api/clients/{login}/tasks", s.authed(s.ofClient(s.clientTasks)))
	mux.HandleFunc("PUT /api/clients/{login}/password", s.authed(s.ofClient(s.adminOnClient(s.setPassword))))
	mux.HandleFunc("PUT /api/clients/{login}/databases/{subscription}/{name}", s.authed(s.ofClient(s.adminOnClient(s.putDatabase))))
	mux.HandleFunc("GET /api/tasks", s.authed(s.adminOnly(s.allTasks)))
	mux.HandleFunc("GET /api/tasks/{id}", s.authed(s.task))
	mux.HandleFunc("POST /api/tasks/{id}/cancel", s.authed(s.cancelTask))
	mux.HandleFunc("GET /api/settings/smtp", s.authed(s.adminOnly(s.smtpSettings)))
	mux.HandleFunc("PUT /api/settings/smtp", s.authed(s.adminOnly(s.setSMTP)))
	mux.HandleFunc("POST /api/settings/smtp/test", s.authed(s.adminOnly(s.testSMTP)))
	mux.HandleFunc("GET /api/notifications", s.authed(s.notifications))
	mux.HandleFunc("GET /api/settings/space", s.authed(s.adminOnly(s.spaceSettings)))
	mux.HandleFunc("PUT /api/settings/space", s.authed(s.adminOnly(s.setSpace)))
	s.manageRoutes(mux)
	s.scheduleRoutes(mux)
}
