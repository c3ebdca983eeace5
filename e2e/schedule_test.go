package e2e

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// setField sets a form control's value as a user would, firing the change event that the
// panel follows.
func setField(t *testing.T, ctx context.Context, sel, value string) {
	t.Helper()
	eval[bool](t, ctx, `(() => { const el = document.querySelector('`+sel+`'); el.value = '`+value+`';
		el.dispatchEvent(new Event('input', {bubbles: true})); el.dispatchEvent(new Event('change', {bubbles: true})); return true })()`)
}

// The client's Schedule page: a weekly schedule at 03:15 shows its next run (a Monday at 03:15
// in the server's time zone); a rule keeping the last backup of the storage names, before it
// is saved, the two older backups it would delete; saving keeps the schedule (and deletes
// nothing yet); the administrator's Schedules list shows it.
func TestSchedulePage(t *testing.T) {
	s := startOwnServer(t)
	ctx := newTab(t, "en-US", 90*time.Second)
	logIn(t, ctx, s)
	var names []string
	for range 3 {
		names = append(names, backUpByAPI(t, ctx, "acme"))
		time.Sleep(1100 * time.Millisecond) // one backup name per second
	}
	do(t, ctx, "the Backup Manager's Schedule link", chromedp.Navigate(s.url+"/customer/acme/backups"), ready(`#schedule-link`),
		chromedp.Click(chromedp.CSS(`#schedule-link`)), ready(`#schedule-form`), ready(`#schedule-next`))
	must(t, strings.Contains(text(t, ctx, `#schedule-status`), "No backup is scheduled"), "status: %s", text(t, ctx, `#schedule-status`))
	must(t, strings.Contains(text(t, ctx, `#schedule-plan`), "no backup would go"), "plan without a rule: %s", text(t, ctx, `#schedule-plan`))

	setField(t, ctx, `#every`, "weekly")
	waitTrue(t, ctx, "the weekday field", `document.querySelector('#weekday')`)
	setField(t, ctx, `#at`, "03:15")
	waitTrue(t, ctx, "the next run at 03:15", `document.querySelector('#schedule-next').textContent.includes('03:15')`)
	next := text(t, ctx, `#schedule-next`)
	m := regexp.MustCompile(`(\d{4}-\d\d-\d\d) 03:15`).FindStringSubmatch(next)
	if m == nil {
		t.Fatalf("next run: %q", next)
	}
	day, _ := time.Parse("2006-01-02", m[1])
	must(t, day.Weekday() == time.Monday, "next run %s is a %s, want Monday", m[1], day.Weekday())

	setField(t, ctx, `#keep-last`, "1")
	clickUntil(t, ctx, "apply the rule to the whole storage", `#scope-storage`, `document.querySelector('#scope-storage').checked`)
	waitTrue(t, ctx, "the retention preview", `(document.querySelector('#schedule-plan')||{}).textContent?.includes('these 2 backups would go')`)
	gone := text(t, ctx, `#schedule-plan-names`)
	must(t, strings.Contains(gone, names[0]) && strings.Contains(gone, names[1]) && !strings.Contains(gone, names[2]),
		"the backups that would go: %s (made %v)", gone, names)
	shot(t, ctx, "schedule-1-preview")

	do(t, ctx, "Save schedule", chromedp.Click(chromedp.CSS(`#schedule-save`)))
	waitTrue(t, ctx, "the saved schedule", `document.querySelector('#schedule-status').textContent.includes('The schedule is saved. Next run: `+m[1]+` 03:15')`)
	shot(t, ctx, "schedule-2-saved")
	saved := fetchAPI(t, ctx, "GET", "/api/clients/acme/schedule", "")
	sc, _ := saved.Body["schedule"].(map[string]any)
	when, _ := sc["when"].(map[string]any)
	rule, _ := sc["retention"].(map[string]any)
	must(t, when["every"] == "weekly" && when["at"] == "03:15" && rule["last"] == 1.0 && sc["retentionScope"] == "storage",
		"saved schedule: %+v", sc)
	for _, n := range names {
		_, err := os.Stat(filepath.Join(s.dataDir(), "storage", "acme", n+".manifest.json"))
		must(t, err == nil, "saving the rule deleted %s: %v", n, err)
	}

	// In French, and on a phone's screen: nothing scrolls sideways.
	do(t, ctx, "the French panel", chromedp.Click(chromedp.CSS(`button.lang[value="fr"]`)))
	waitTrue(t, ctx, "the French Schedule page", `document.querySelector('#schedule-status').textContent.includes('La planification est enregistrée')`)
	do(t, ctx, "a phone's screen", chromedp.EmulateViewport(375, 812, chromedp.EmulateScale(2), chromedp.EmulateMobile))
	noSideScroll(t, ctx, "Schedule", 375)
	shot(t, ctx, "schedule-4-phone-fr")
	do(t, ctx, "back to English on a desktop", chromedp.EmulateViewport(1280, 900),
		chromedp.Click(chromedp.CSS(`button.lang[value="en"]`)))

	do(t, ctx, "the administrator's Schedules", chromedp.Navigate(s.url+"/schedules"), ready(`#schedules-table`))
	row := text(t, ctx, `#schedules-table tbody`)
	must(t, strings.Contains(row, "acme") && strings.Contains(row, "Every Monday at 03:15") && strings.Contains(row, "last 1"),
		"Schedules list: %s", row)
	shot(t, ctx, "schedule-3-admin-list")
}
