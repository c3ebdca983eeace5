package app

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"coffre/engine/account"
	"coffre/engine/spec"
)

// bistroAccount is the demo's restricted client: websites only, on the server storage.
var bistroAccount = account.Account{
	Client:        account.Client{Login: "bistro", Company: "Bistro du Port", Rights: account.Rights{ServerStorage: true, Restore: true}},
	Subscriptions: []account.Subscription{{Domain: "bistro-du-port.example", Client: "bistro"}},
}

// ftpAccount may use its personal FTP storage only, and has set it up.
var ftpAccount = account.Account{
	Client: account.Client{Login: "ftpco", Rights: account.Rights{FTPStorage: true, AccountBackup: true},
		FTP: &account.FTPSettings{Host: "ftp.example", Port: 21, User: "u", TLS: "explicit", HasPassword: true}},
	Subscriptions: []account.Subscription{{Domain: "ftpco.example", Client: "ftpco"}},
}

// What the form sends and what it refuses, as the user sets it.
func TestBackupFormCheck(t *testing.T) {
	tests := []struct {
		name     string
		acct     account.Account
		scope    spec.Scope
		edit     func(*backupForm)
		want     spec.Backup         // the request (Client and Scope filled in by the test)
		problems map[string][]string // field -> codes
		patterns map[int]string      // index -> code
	}{
		{name: "the form as it opens", acct: fullAccount, scope: spec.ScopeAccount, edit: func(*backupForm) {},
			want: spec.Backup{Mail: true, Files: true, Storage: "server"}},
		{name: "the FTP storage when it is the only one", acct: ftpAccount, scope: spec.ScopeAccount, edit: func(*backupForm) {},
			want: spec.Backup{Mail: true, Files: true, Storage: "ftp"}},
		{name: "everything set", acct: ftpAccount, scope: spec.ScopeWebsites, edit: func(f *backupForm) {
			f.Incremental, f.Split, f.SplitMB, f.Comment = true, true, " 100 ", "before the move"
			f.ExcludeLogs, f.ExcludeSome, f.Exclude = true, true, "/httpdocs/cache, **/tmp"
			f.NotifyOn, f.Notify = true, "  ops@acme.example "
		}, want: spec.Backup{Mail: true, Files: true, Storage: "ftp", Incremental: true, SplitMB: 100, Comment: "before the move",
			ExcludeLogs: true, Exclude: "/httpdocs/cache, **/tmp", Notify: "ops@acme.example"}},
		{name: "wrong patterns are marked one by one", acct: fullAccount, scope: spec.ScopeAccount, edit: func(f *backupForm) {
			f.ExcludeSome, f.Exclude = true, "../x\na\\tb\n/ok/**"
		}, want: spec.Backup{Mail: true, Files: true, Storage: "server", Exclude: "../x\na\\tb\n/ok/**"},
			problems: map[string][]string{"exclude": {"invalid_patterns"}},
			patterns: map[int]string{0: "dot_component", 1: "escape_sequence"}},
		{name: "exclusions without user files are not sent", acct: fullAccount, scope: spec.ScopeAccount, edit: func(f *backupForm) {
			f.Files, f.ExcludeLogs, f.ExcludeSome, f.Exclude = false, true, true, "../x"
		}, want: spec.Backup{Mail: true, Storage: "server"}},
		{name: "configuration only", acct: fullAccount, scope: spec.ScopeAccount, edit: func(f *backupForm) {
			f.ConfigOnly, f.ExcludeLogs = true, true
		}, want: spec.Backup{ConfigOnly: true, Storage: "server"}},
		{name: "no content at all", acct: fullAccount, scope: spec.ScopeAccount, edit: func(f *backupForm) { f.Mail, f.Files = false, false },
			want: spec.Backup{Storage: "server"}, problems: map[string][]string{"configOnly": {"no_content"}}},
		{name: "volumes in the server storage too, as the CLI and the API allow", acct: fullAccount, scope: spec.ScopeAccount, edit: func(f *backupForm) {
			f.Split, f.SplitMB = true, "10"
		}, want: spec.Backup{Mail: true, Files: true, Storage: "server", SplitMB: 10}},
		{name: "a volume size that is not a number", acct: ftpAccount, scope: spec.ScopeAccount, edit: func(f *backupForm) {
			f.Split, f.SplitMB = true, "ten"
		}, want: spec.Backup{Mail: true, Files: true, Storage: "ftp"}, problems: map[string][]string{"splitMB": {"split_range"}}},
		{name: "a notification without an address", acct: fullAccount, scope: spec.ScopeAccount, edit: func(f *backupForm) {
			f.NotifyOn, f.Notify = true, "   "
		}, want: spec.Backup{Mail: true, Files: true, Storage: "server"}, problems: map[string][]string{"notify": {"required"}}},
		{name: "a header injection in the address", acct: fullAccount, scope: spec.ScopeAccount, edit: func(f *backupForm) {
			f.NotifyOn, f.Notify = true, "a@b.c\r\nBcc: x@y.z"
		}, want: spec.Backup{Mail: true, Files: true, Storage: "server", Notify: "a@b.c\r\nBcc: x@y.z"},
			problems: map[string][]string{"notify": {"invalid_email"}}},
		{name: "a comment too long", acct: fullAccount, scope: spec.ScopeAccount, edit: func(f *backupForm) {
			f.Comment = strings.Repeat("é", 501)
		}, want: spec.Backup{Mail: true, Files: true, Storage: "server", Comment: strings.Repeat("é", 501)},
			problems: map[string][]string{"comment": {"comment_too_long"}}},
		{name: "the restricted client's account, forced", acct: bistroAccount, scope: spec.ScopeAccount, edit: func(*backupForm) {},
			want: spec.Backup{Mail: true, Files: true, Storage: "server"}, problems: map[string][]string{"scope": {"right_account_backup"}}},
		{name: "the restricted client's FTP storage, forced", acct: bistroAccount, scope: spec.ScopeWebsites, edit: func(f *backupForm) { f.Storage = "ftp" },
			want: spec.Backup{Mail: true, Files: true, Storage: "ftp"}, problems: map[string][]string{"storage": {"right_ftp_storage", "ftp_not_configured"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newBackupForm()
			tt.edit(&f)
			want := tt.want
			want.Client, want.Scope = tt.acct.Client.Login, tt.scope
			if got := f.request(tt.acct, tt.scope); !equalBackup(got, want) {
				t.Errorf("request = %+v\nwant      %+v", got, want)
			}
			c := f.check(tt.acct, tt.scope)
			if got := problemCodes(c); !equalCodes(got, tt.problems) {
				t.Errorf("problems = %v, want %v", got, tt.problems)
			}
			gotPatterns := map[int]string{}
			for _, e := range c.patterns {
				gotPatterns[e.Index] = e.Code
			}
			if len(gotPatterns) != len(tt.patterns) || !mapsEqual(gotPatterns, tt.patterns) {
				t.Errorf("wrong patterns = %v, want %v", gotPatterns, tt.patterns)
			}
			if c.ok() != (len(tt.problems) == 0 && len(tt.patterns) == 0) {
				t.Errorf("ok = %v with problems %v", c.ok(), tt.problems)
			}
		})
	}
}

// Each option is unavailable exactly when Plesk's Backup Manager says, with the reason.
func TestBackupFormReasons(t *testing.T) {
	f := newBackupForm()
	if f.configOnlyReason() != "" || f.incrementalReason() != "" || f.excludeReason() != "" || f.contentReason() != "" {
		t.Error("an option is unavailable in the form as it opens")
	}
	f.Incremental = true
	if f.configOnlyReason() != "err.incremental_needs_content" {
		t.Errorf("configuration only with incremental: %q", f.configOnlyReason())
	}
	f = newBackupForm()
	f.ConfigOnly = true
	if f.incrementalReason() != "err.incremental_needs_content" || f.excludeReason() != "err.exclude_needs_files" ||
		f.contentReason() != "form.reason.needsContent" {
		t.Errorf("configuration only: incremental %q, exclusions %q, content %q", f.incrementalReason(), f.excludeReason(), f.contentReason())
	}
	f = newBackupForm()
	f.Files = false
	if f.excludeReason() != "err.exclude_needs_files" {
		t.Errorf("without user files: exclusions %q", f.excludeReason())
	}
	for _, tt := range []struct {
		acct        account.Account
		server, ftp string
	}{
		{fullAccount, "", "err.ftp_not_configured"},
		{bistroAccount, "", "err.right_ftp_storage"},
		{ftpAccount, "err.right_server_storage", ""},
	} {
		s, fp := storageReason(tt.acct, spec.ScopeWebsites, "server"), storageReason(tt.acct, spec.ScopeWebsites, "ftp")
		if s != tt.server || fp != tt.ftp {
			t.Errorf("%s: server %q, ftp %q; want %q, %q", tt.acct.Client.Login, s, fp, tt.server, tt.ftp)
		}
	}
}

// An incremental backup follows the newest intact backup of the same scope and storage.
func TestHasParent(t *testing.T) {
	at := func(h int) time.Time { return time.Date(2026, 11, 25, h, 0, 0, 0, time.UTC) }
	acct := spec.Backup{Scope: spec.ScopeAccount, Files: true}
	entries := []backupEntry{
		{Name: "old", Created: at(1), Spec: acct, Storage: "server", Status: "ok"},
		{Name: "newer", Created: at(2), Spec: acct, Storage: "server", Status: "ok"},
		{Name: "broken", Created: at(3), Spec: acct, Storage: "server", Status: "broken"},
		{Name: "config", Created: at(4), Spec: spec.Backup{Scope: spec.ScopeAccount, ConfigOnly: true}, Storage: "server", Status: "ok"},
		{Name: "websites", Created: at(5), Spec: spec.Backup{Scope: spec.ScopeWebsites, Files: true}, Storage: "server", Status: "ok"},
		{Name: "ftp", Created: at(6), Spec: acct, Storage: "ftp", Status: "ok"},
	}
	if p, ok := hasParent(entries, spec.Backup{Scope: spec.ScopeAccount, Storage: "server"}); !ok || p.Name != "newer" {
		t.Errorf("parent = %q, %v; want newer", p.Name, ok)
	}
	if _, ok := hasParent(entries[2:4], spec.Backup{Scope: spec.ScopeAccount, Storage: "server"}); ok {
		t.Error("a broken or configuration-only backup was taken as a parent")
	}
	if _, ok := hasParent(nil, spec.Backup{Scope: spec.ScopeAccount, Storage: "server"}); ok {
		t.Error("a parent out of nothing")
	}
}

func problemCodes(c formCheck) map[string][]string {
	out := map[string][]string{}
	for field, ps := range c.fields {
		for _, p := range ps {
			out[field] = append(out[field], p.Code)
		}
	}
	return out
}

func equalCodes(a, b map[string][]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if strings.Join(v, ",") != strings.Join(b[k], ",") {
			return false
		}
	}
	return true
}

func mapsEqual(a, b map[int]string) bool {
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

func equalBackup(a, b spec.Backup) bool { return reflect.DeepEqual(a, b) }
