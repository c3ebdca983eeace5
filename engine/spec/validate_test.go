package spec

import (
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"
)

// goodBackup is what the form sends with its defaults and every option used.
func goodBackup() Backup {
	return Backup{
		Client: "acme", Scope: ScopeAccount, Subscriptions: []string{"acme.example", "xn--caf-dma.fr", "café.fr"},
		Mail: true, Files: true, Storage: StorageFTP, Incremental: true, SplitMB: 100,
		Comment: "before upgrade\n\tline two", ExcludeLogs: true,
		Exclude: "/httpdocs/cache, **/tmp\n/some/*/logs", Notify: "ops+backup@acme.example",
	}
}

func goodRestore() Restore {
	return Restore{
		Client: "acme", Backup: "2024-05-01T10-00-00Z.full", Storage: StorageServer,
		Subscriptions: []string{"acme.example"}, Paths: []string{"httpdocs/wp-content", "private/a b/\xff"},
		To: "restored/",
	}
}

// codes lists the problems as field/code, for comparing.
func codes(err error) []string {
	var es Errors
	if err == nil {
		return nil
	}
	if !errors.As(err, &es) {
		return []string{"not Errors: " + err.Error()}
	}
	var out []string
	for _, e := range es {
		out = append(out, e.Field+"/"+e.Code)
	}
	return out
}

func TestBackupValid(t *testing.T) {
	for name, b := range map[string]Backup{
		"every option": goodBackup(),
		"config only":  {Client: "acme", Scope: ScopeWebsites, ConfigOnly: true, Storage: StorageServer},
		"mail only":    {Client: "acme", Scope: ScopeAccount, Mail: true, Storage: StorageServer},
		"no split":     {Client: "acme", Scope: ScopeAccount, Files: true, Storage: StorageServer, SplitMB: 0},
		"max split":    {Client: "acme", Scope: ScopeAccount, Files: true, Storage: StorageServer, SplitMB: MaxSplitMB},
		"blank exclude without files": {Client: "acme", Scope: ScopeAccount, Mail: true, Storage: StorageServer,
			Exclude: " ,\n "},
		"500 characters": {Client: "acme", Scope: ScopeAccount, Files: true, Storage: StorageServer,
			Comment: strings.Repeat("é", MaxCommentLen)},
		"config only ignores mail and files": {Client: "acme", Scope: ScopeAccount, ConfigOnly: true,
			Mail: true, Files: true, Storage: StorageServer},
	} {
		if err := b.Validate(); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// One row per code: the change to a good request, and every problem it must give.
func TestBackupInvalid(t *testing.T) {
	tests := []struct {
		name   string
		change func(*Backup)
		want   []string
	}{
		{"no client", func(b *Backup) { b.Client = "" }, []string{"client/required"}},
		{"no scope", func(b *Backup) { b.Scope = "" }, []string{"scope/required"}},
		{"bad scope", func(b *Backup) { b.Scope = "all" }, []string{"scope/invalid_scope"}},
		{"no storage", func(b *Backup) { b.Storage = "" }, []string{"storage/required"}},
		{"bad storage", func(b *Backup) { b.Storage = "s3" }, []string{"storage/invalid_storage"}},
		{"bad subscriptions", func(b *Backup) { b.Subscriptions = []string{"ok.example", "../etc", "a/b", "", "-x.fr"} },
			[]string{"subscriptions/invalid_subscription", "subscriptions/invalid_subscription",
				"subscriptions/invalid_subscription", "subscriptions/invalid_subscription"}},
		{"no content", func(b *Backup) { b.Mail, b.Files, b.ExcludeLogs, b.Exclude = false, false, false, "" },
			[]string{"configOnly/no_content"}},
		{"exclusions without files", func(b *Backup) { b.Files = false },
			[]string{"excludeLogs/exclude_needs_files", "exclude/exclude_needs_files"}},
		{"exclusions with config only", func(b *Backup) { b.ConfigOnly, b.Incremental = true, false },
			[]string{"excludeLogs/exclude_needs_files", "exclude/exclude_needs_files"}},
		{"incremental config only", func(b *Backup) { b.ConfigOnly, b.ExcludeLogs, b.Exclude = true, false, "" },
			[]string{"incremental/incremental_needs_content"}},
		{"invalid patterns", func(b *Backup) { b.Exclude = "ok, ../x\na\\tb\n/" },
			[]string{"exclude/invalid_patterns"}},
		{"negative split", func(b *Backup) { b.SplitMB = -1 }, []string{"splitMB/split_range"}},
		{"huge split", func(b *Backup) { b.SplitMB = MaxSplitMB + 1 }, []string{"splitMB/split_range"}},
		{"long comment", func(b *Backup) { b.Comment = strings.Repeat("a", MaxCommentLen+1) },
			[]string{"comment/comment_too_long"}},
		{"comment with CR", func(b *Backup) { b.Comment = "a\r\nBcc: x@y.z" }, []string{"comment/comment_control_char"}},
		{"comment with escape", func(b *Backup) { b.Comment = "a\x1b[31m" }, []string{"comment/comment_control_char"}},
		{"comment with C1", func(b *Backup) { b.Comment = "a\u0085b" }, []string{"comment/comment_control_char"}},
		{"comment not UTF-8", func(b *Backup) { b.Comment = "caf\xe9" }, []string{"comment/comment_control_char"}},
		{"header injection", func(b *Backup) { b.Notify = "a@b.c\r\nBcc: x@y.z" }, []string{"notify/invalid_email"}},
		{"everything wrong", func(b *Backup) {
			*b = Backup{Scope: "x", Storage: "y", SplitMB: -5, Exclude: "..", Notify: "x"}
		},
			[]string{"client/required", "scope/invalid_scope", "storage/invalid_storage", "configOnly/no_content",
				"exclude/exclude_needs_files", "exclude/invalid_patterns", "splitMB/split_range", "notify/invalid_email"}},
	}
	for _, tt := range tests {
		b := goodBackup()
		tt.change(&b)
		if got := codes(b.Validate()); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: got %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestBackupErrorArgs(t *testing.T) {
	b := goodBackup()
	b.Exclude, b.SplitMB, b.Comment = "ok, ../x\na\\tb\n/", 2_000_000, strings.Repeat("x", 501)
	b.Subscriptions = []string{"a b"}
	var es Errors
	if !errors.As(b.Validate(), &es) {
		t.Fatal("want Errors")
	}
	want := Errors{
		{Field: "subscriptions", Code: CodeInvalidSubscript, Args: []string{"a b"}},
		{Field: "exclude", Code: CodeInvalidPatterns, Args: []string{"3"}},
		{Field: "splitMB", Code: CodeSplitRange, Args: []string{"1", "1048576"}},
		{Field: "comment", Code: CodeCommentTooLong, Args: []string{"500"}},
	}
	if !reflect.DeepEqual(es, want) {
		t.Errorf("got %+v\nwant %+v", es, want)
	}
	msg := es.Error()
	for _, part := range []string{`subscriptions: "a b" is not a domain name`, "exclude: 3 invalid",
		"splitMB: volume size must be 0 (no split) or from 1 to 1048576 MB", "comment: longer than 500 characters"} {
		if !strings.Contains(msg, part) {
			t.Errorf("message %q lacks %q", msg, part)
		}
	}
}

func TestRestoreValid(t *testing.T) {
	for name, r := range map[string]Restore{
		"every option": goodRestore(),
		"minimal":      {Client: "acme", Backup: "b1", Storage: StorageFTP},
		"host target":  {Client: "acme", Backup: "b1", Storage: StorageServer, To: "/var/tmp/restored"},
	} {
		if err := r.Validate(); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}

func TestRestoreInvalid(t *testing.T) {
	tests := []struct {
		name   string
		change func(*Restore)
		want   []string
	}{
		{"no client", func(r *Restore) { r.Client = "" }, []string{"client/required"}},
		{"no backup", func(r *Restore) { r.Backup = "" }, []string{"backup/required"}},
		{"backup with slash", func(r *Restore) { r.Backup = "../x" }, []string{"backup/invalid_backup_name"}},
		{"backup hidden", func(r *Restore) { r.Backup = ".x" }, []string{"backup/invalid_backup_name"}},
		{"backup with CR", func(r *Restore) { r.Backup = "a\r\nDELE x" }, []string{"backup/invalid_backup_name"}},
		{"no storage", func(r *Restore) { r.Storage = "" }, []string{"storage/required"}},
		{"bad storage", func(r *Restore) { r.Storage = "local" }, []string{"storage/invalid_storage"}},
		{"bad subscription", func(r *Restore) { r.Subscriptions = []string{"a..b"} },
			[]string{"subscriptions/invalid_subscription"}},
		{"bad paths", func(r *Restore) {
			r.Paths = []string{"ok/x", "../other", "/etc/passwd", "a/./b", "a//b", "a/", "", "a\x00b", "a\nb", "."}
		}, []string{"paths/invalid_path", "paths/invalid_path", "paths/invalid_path", "paths/invalid_path",
			"paths/invalid_path", "paths/invalid_path", "paths/invalid_path", "paths/invalid_path", "paths/invalid_path"}},
		{"target up", func(r *Restore) { r.To = "../x" }, []string{"to/invalid_path"}},
		{"target root", func(r *Restore) { r.To = "/" }, []string{"to/invalid_path"}},
		{"target with control", func(r *Restore) { r.To = "x\ty" }, []string{"to/invalid_path"}},
	}
	for _, tt := range tests {
		r := goodRestore()
		tt.change(&r)
		if got := codes(r.Validate()); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: got %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestMessages(t *testing.T) {
	seen := map[string]bool{}
	for _, code := range Codes {
		if seen[code] {
			t.Errorf("code %s listed twice", code)
		}
		seen[code] = true
		msg := FieldError{Field: "f", Code: code, Args: []string{"1", "2"}}.Message()
		if !strings.HasPrefix(msg, "f: ") || strings.Contains(msg, "_") || strings.Contains(msg, "%") {
			t.Errorf("%s: message %q should be English words after the field", code, msg)
		}
	}
	got := FieldError{Field: "paths", Code: CodeInvalidPath, Args: []string{"a\nb%1"}}.Message()
	if !strings.Contains(got, `"a\nb%1"`) {
		t.Errorf("path message %q should quote the path", got)
	}
}

// The panel receives Errors as JSON: field, code and args.
func TestErrorsJSON(t *testing.T) {
	raw, err := json.Marshal(Errors{{Field: "splitMB", Code: CodeSplitRange, Args: []string{"1", "1048576"}}})
	if err != nil || string(raw) != `[{"field":"splitMB","code":"split_range","args":["1","1048576"]}]` {
		t.Errorf("got %s, %v", raw, err)
	}
}
