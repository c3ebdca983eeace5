package app

import (
	"encoding/json"
	"slices"
	"sort"
	"strings"

	"coffre/engine/spec"
)

// restoreChoice is what the restore page's form asks: what to restore, where, how existing
// files are treated, and whether a safety backup is made first.
type restoreChoice struct {
	everything bool
	subs       map[string]bool // whole subscriptions chosen
	paths      []string        // "domain/rel", from the Contents page or typed
	typed      string          // the path being typed
	typedErr   string          // message key about the typed path
	mailboxes  map[string]bool // addresses
	dbs        map[string]bool // "domain/name"
	dbAs       map[string]string
	folder     bool   // into a folder of the webspace rather than in place
	into       string // that folder, relative to the webspace's root
	existing   string
	safety     bool
}

// newRestoreChoice starts with paths (the Contents page's ?path=) chosen, or everything.
func newRestoreChoice(paths []string) restoreChoice {
	c := restoreChoice{subs: map[string]bool{}, mailboxes: map[string]bool{}, dbs: map[string]bool{},
		dbAs: map[string]string{}, existing: spec.ExistingOverwrite, safety: true}
	for _, p := range paths {
		if p = strings.Trim(strings.TrimSpace(p), "/"); p != "" && !slices.Contains(c.paths, p) {
			c.paths = append(c.paths, p)
		}
	}
	c.everything = len(c.paths) == 0
	return c
}

// addTyped adds the typed path, prefixed with the only subscription when it names none.
func (c *restoreChoice) addTyped(subs []string) {
	t := strings.Trim(strings.TrimSpace(c.typed), "/")
	domain, _, _ := strings.Cut(t, "/")
	switch {
	case t == "":
		c.typedErr = "restore.path.empty"
		return
	case !slices.Contains(subs, domain) && len(subs) == 1:
		t = subs[0] + "/" + t
	case !slices.Contains(subs, domain):
		c.typedErr = "restore.path.domain"
		return
	}
	if !slices.Contains(c.paths, t) {
		c.paths = append(c.paths, t)
	}
	c.typed, c.typedErr = "", ""
}

// items reports whether single items (paths, mailboxes, databases) are chosen.
func (c *restoreChoice) items() bool {
	return len(c.paths) > 0 || len(trueKeys(c.mailboxes)) > 0 || len(trueKeys(c.dbs)) > 0
}

// fill sets r's selection and target from the choice. It returns the message key of what
// keeps the choice from being a request, "" when it is one.
func (c *restoreChoice) fill(r *spec.Restore) string {
	r.Existing, r.NoSafetyBackup = c.existing, !c.safety
	if c.folder {
		if r.Into = strings.Trim(strings.TrimSpace(c.into), "/"); r.Into == "" {
			return "restore.into.required"
		}
	}
	if c.everything {
		return ""
	}
	whole := trueKeys(c.subs)
	switch {
	case len(whole) > 0 && c.items():
		return "restore.choose.mixed"
	case len(whole) > 0:
		r.Subscriptions = whole
		return ""
	case !c.items():
		return "restore.choose.none"
	}
	subs := map[string]bool{}
	for _, p := range c.paths {
		domain, rel, _ := strings.Cut(p, "/")
		subs[domain] = true
		if rel != "" {
			r.Paths = append(r.Paths, rel)
		}
	}
	for _, mb := range trueKeys(c.mailboxes) {
		r.Mailboxes = append(r.Mailboxes, mb)
		_, domain, _ := strings.Cut(mb, "@")
		subs[domain] = true
	}
	for _, key := range trueKeys(c.dbs) {
		domain, name, _ := strings.Cut(key, "/")
		subs[domain] = true
		r.Databases = append(r.Databases, spec.DatabaseRestore{Name: name, As: strings.TrimSpace(c.dbAs[key])})
	}
	r.Subscriptions = trueKeys(subs)
	return ""
}

func trueKeys(m map[string]bool) []string {
	var out []string
	for k, v := range m {
		if v {
			out = append(out, k)
		}
	}
	sort.Strings(out)
	return out
}

// request is the restore the page would start for backup e; key says why there is none.
func (p *restorePage) request(e backupEntry) (spec.Restore, string) {
	r := spec.Restore{Client: p.login, Backup: e.Name, Storage: e.storage(), Overwrite: p.overwrite}
	if p.isAdmin() {
		r.Recreate = p.recreate
		if p.recreate {
			r.RootBase = p.rootBaseValue()
		}
		if e.Signature.Signer == "other" && p.trust {
			r.TrustKey = e.Signature.Fingerprint
		}
	}
	key := p.choice.fill(&r)
	return r, key
}

// previewed reports whether the preview shown is of the request the form makes now.
func (p *restorePage) previewed(e backupEntry) bool {
	r, key := p.request(e)
	return key == "" && p.preview.Status == loaded && sameRequest(p.preview.Data.For, r)
}

func sameRequest(a, b spec.Restore) bool {
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	return string(ja) == string(jb)
}
