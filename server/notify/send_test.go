package notify

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"coffre/engine/account"
	"coffre/engine/backup"
	"coffre/engine/manifest"
	"coffre/engine/spec"
	"coffre/server/keys"
	"coffre/server/store"
	"coffre/server/tasks"
)

const secret = "s3cr3t-Pa55-word"

func plain(port int) Settings {
	return Settings{Host: "127.0.0.1", Port: port, TLS: TLSNone, From: "coffre@host.example"}
}

// doneBackup is an incremental backup of acme that ended with 7 warnings.
func doneBackup(t *testing.T) tasks.Task {
	t.Helper()
	b := spec.Backup{Client: "acme", Scope: spec.ScopeAccount, Mail: true, Files: true, Storage: spec.StorageServer,
		Incremental: true, Comment: "before upgrade", Notify: "owner@acme.example"}
	res := backup.Result{Entry: backup.Entry{Name: "acme_2026-11-25T093000Z_incr", Type: "incremental",
		Parent: "acme_2026-11-24T093000Z_full", Size: 1572864, Files: 1234,
		Volumes: []backup.Volume{{Name: "a.001"}, {Name: "a.002"}}, Subscriptions: []string{"acme.example"},
		Captured: &manifest.Captured{Files: true, Mail: true, Databases: true, WebFiles: 1200, WebBytes: 1 << 20,
			DBs: []manifest.Database{{Subscription: "acme.example", Name: "shop", Engine: "postgres", Path: "databases/acme.example/shop.sql", Size: 2 << 20},
				{Subscription: "acme.example", Name: "blog", Engine: "mysql", Warning: "mariadb-dump: Access denied for user 'blog'"}},
			Mailboxes: []manifest.Mailbox{{Subscription: "acme.example", Address: "info@acme.example", Path: "mail/acme.example/info@acme.example", Messages: 42}}}}}
	started := time.Date(2026, 11, 25, 9, 30, 0, 0, time.UTC)
	ended := started.Add(2*time.Minute + 5*time.Second)
	task := tasks.Task{ID: "12", Kind: tasks.KindBackup, Client: "acme", Notify: b.Notify, Status: tasks.Warnings,
		Started: &started, Ended: &ended, WarningCount: 7}
	task.Spec, _ = json.Marshal(b)
	task.Result, _ = json.Marshal(res)
	for i := range 7 {
		task.Warnings = append(task.Warnings, backup.Warning{Path: fmt.Sprintf("files/acme.example/f%d", i), Code: "vanished"})
	}
	return task
}

func TestTheTaskMailArrivesInTheClientsLanguage(t *testing.T) {
	tests := []struct {
		lang, subject string
		lines         []string
	}{
		{"en", "Coffre: backup of client acme completed with warnings", []string{
			"The backup of client acme completed with warnings: not everything was done as asked", "Backup: acme_2026-11-25T093000Z_incr\n",
			"Scope: account and websites\n", "Subscriptions: acme.example\n",
			"Databases:\n  - shop (postgres, 2.0 MB)\n  - blog (mysql): NOT backed up: mariadb-dump: Access denied for user 'blog'\n",
			"Mailboxes:\n  - info@acme.example (42 messages)\n", "Website files: 1200 (1.0 MB)\n",
			"Content: configuration, mail configuration and content, user files and databases\n",
			"Storage: server storage\n", "Type: incremental, after acme_2026-11-24T093000Z_full\n",
			"Size: 1.5 MB\n", "Volumes: 2\n", "Files: 1234\n", "Comment: before upgrade\n",
			"Duration: 2 min 5 s\n", "Warnings: 7\n", "  - files/acme.example/f0: vanished while read\n", "  … and 2 more\n"}},
		{"fr", "Coffre : sauvegarde du client acme terminée avec des avertissements", []string{
			"La sauvegarde du client acme est terminée avec des avertissements", "Sauvegarde : acme_2026-11-25T093000Z_incr\n",
			"Portée : compte et sites Web\n", "Abonnements : acme.example\n",
			"Bases de données :\n  - shop (postgres, 2,0 Mo)\n  - blog (mysql) : NON sauvegardée : mariadb-dump: Access denied for user 'blog'\n",
			"Contenu : configuration, configuration et contenu de la messagerie, fichiers et bases de données utilisateur\n",
			"Stockage : stockage du serveur\n", "Type : incrémentale, à la suite de acme_2026-11-24T093000Z_full\n",
			"Taille : 1,5 Mo\n", "Volumes : 2\n", "Durée : 2 min 5 s\n", "Avertissements : 7\n", "  - files/acme.example/f0: disparu pendant la lecture\n", "  … et 2 autres\n"}},
	}
	for _, tc := range tests {
		t.Run(tc.lang, func(t *testing.T) {
			srv := startSMTP(t, &smtpServer{})
			st, k := openStoreKeys(t)
			if _, err := st.AddClient(account.Client{Login: "acme", Name: "Acme", Lang: tc.lang}); err != nil {
				t.Fatal(err)
			}
			if err := Save(st, k, plain(srv.port)); err != nil {
				t.Fatal(err)
			}
			if err := Notifier(st, k)(context.Background(), doneBackup(t)); err != nil {
				t.Fatal(err)
			}
			got := srv.received()
			if len(got) != 1 {
				t.Fatalf("%d mails received, want 1", len(got))
			}
			m := got[0]
			if m.To != "<owner@acme.example>" || strings.Join(m.Rcpt, ",") != "owner@acme.example" || m.From != "coffre@host.example" {
				t.Errorf("mail from %q to %q (envelope %v)", m.From, m.To, m.Rcpt)
			}
			if m.Subject != tc.subject {
				t.Errorf("subject %q, want %q", m.Subject, tc.subject)
			}
			for _, line := range tc.lines {
				if !strings.Contains(m.Body, line) {
					t.Errorf("body lacks %q:\n%s", line, m.Body)
				}
			}
		})
	}
}

func openStoreKeys(t *testing.T) (*store.Store, *keys.Keys) {
	t.Helper()
	st, err := store.Open(t.TempDir(), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	k, err := keys.Load(st.Dir())
	if err != nil {
		t.Fatal(err)
	}
	return st, k
}

func TestAuthPlainOverLocalhost(t *testing.T) {
	srv := startSMTP(t, &smtpServer{user: "mailer", pass: secret})
	s := plain(srv.port)
	s.User, s.Password = "mailer", []byte(secret)
	if err := SendTest(context.Background(), s, "admin@host.example"); err != nil {
		t.Fatalf("send with the right password: %v", err)
	}
	if got := srv.received(); len(got) != 1 || !strings.Contains(got[0].Body, "SMTP settings work") ||
		!strings.Contains(got[0].Body, "réglages SMTP fonctionnent") {
		t.Fatalf("test mail: %+v", got)
	}
	s.Password = []byte(secret + "-wrong")
	err := SendTest(context.Background(), s, "admin@host.example")
	if err == nil || strings.Contains(err.Error(), secret) || !strings.Contains(err.Error(), "127.0.0.1") {
		t.Errorf("wrong password: %v; want an error naming the server, never the password", err)
	}
}

func TestARefusalIsAClearError(t *testing.T) {
	srv := startSMTP(t, &smtpServer{reject: true})
	err := Send(context.Background(), plain(srv.port), "nobody@acme.example", "subject", "body")
	if err == nil || !strings.Contains(err.Error(), "550") || !strings.Contains(err.Error(), "nobody@acme.example") {
		t.Errorf("refused recipient: %v; want an error with 550 and the address", err)
	}
	if len(srv.received()) != 0 {
		t.Errorf("a refused mail was delivered")
	}
}

func TestStartTLSIsRequiredWhenAsked(t *testing.T) {
	srv := startSMTP(t, &smtpServer{})
	s := plain(srv.port)
	s.TLS = TLSStartTLS
	err := Send(context.Background(), s, "owner@acme.example", "subject", "body")
	if err == nil || !strings.Contains(strings.ToUpper(err.Error()), "STARTTLS") {
		t.Errorf("STARTTLS against a plain server: %v; want a refusal that names STARTTLS", err)
	}
	if len(srv.received()) != 0 {
		t.Errorf("a mail went out without TLS")
	}
}

func TestHeaderInjectionIsRefusedBeforeConnecting(t *testing.T) {
	srv := startSMTP(t, &smtpServer{})
	tests := []struct{ to, subject string }{
		{"owner@acme.example\r\nBcc: spy@evil.example", "s"},
		{"owner@acme.example\nBcc: spy@evil.example", "s"},
		{"Owner <owner@acme.example>", "s"},
		{"owner@acme.example, spy@evil.example", "s"},
		{" owner@acme.example", "s"},
		{"owner@acme.example", "done\r\nBcc: spy@evil.example"},
		{"owner@acme.example", ""},
	}
	for _, tc := range tests {
		err := Send(context.Background(), plain(srv.port), tc.to, tc.subject, "body")
		var se *store.Error
		if !errors.As(err, &se) {
			t.Errorf("Send(%q, %q): %v, want a validation error", tc.to, tc.subject, err)
		}
	}
	if n := srv.conns.Load(); n != 0 {
		t.Errorf("%d connections made for refused mails, want none", n)
	}
}

func TestThePasswordIsNeverShown(t *testing.T) {
	st, k := openStoreKeys(t)
	s := Settings{Host: "mail.example.com", Port: 587, TLS: TLSStartTLS, User: "mailer", Password: []byte(secret), From: "coffre@host.example"}
	if err := Save(st, k, s); err != nil {
		t.Fatal(err)
	}
	loaded, ok, err := Load(st, k)
	if err != nil || !ok || string(loaded.Password) != secret || !loaded.HasPassword {
		t.Fatalf("Load: %v %v, password kept: %t", ok, err, string(loaded.Password) == secret)
	}
	var logged bytes.Buffer
	slog.New(slog.NewTextHandler(&logged, nil)).Info("smtp", "settings", loaded)
	js, _ := json.Marshal(loaded)
	db, err := os.ReadFile(filepath.Join(st.Dir(), store.FileName))
	if err != nil {
		t.Fatal(err)
	}
	shown := map[string]string{
		"%v": fmt.Sprintf("%v", loaded), "%+v": fmt.Sprintf("%+v", loaded), "%#v": fmt.Sprintf("%#v", loaded),
		"%s pointer": fmt.Sprintf("%s", &loaded), "json": string(js), "slog": logged.String(), "store file": string(db),
	}
	for how, text := range shown {
		if strings.Contains(text, secret) {
			t.Errorf("%s shows the password: %s", how, text)
		}
	}
}
