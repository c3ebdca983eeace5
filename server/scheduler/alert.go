package scheduler

import (
	"context"
	"fmt"
	"time"

	"coffre/server/keys"
	"coffre/server/notify"
	"coffre/server/store"
)

// bucketSettings keeps the scheduler's settings; key "alerts" the administrator's address.
const bucketSettings = "scheduler"

// Alerts is where the mails about failing schedules go.
type Alerts struct {
	To string `json:"to"` // "" for the SMTP settings' sender address
}

// SetAlerts stores the administrator's address for alerts ("" for the SMTP sender's).
func SetAlerts(st *store.Store, a Alerts) error {
	if a.To != "" {
		if err := store.ValidateEmail("to", a.To); err != nil {
			return err
		}
	}
	return st.Update(func(tx *store.Tx) error { return store.Put(tx, bucketSettings, "alerts", a) })
}

// LoadAlerts returns the alert settings (zero when never set).
func LoadAlerts(st *store.Store) (Alerts, error) {
	var a Alerts
	err := st.View(func(tx *store.Tx) (err error) {
		a, _, err = store.Get[Alerts](tx, bucketSettings, "alerts")
		return err
	})
	return a, err
}

// MailAlert is the scheduler's Alert hook: it mails the administrator (Alerts.To, else the
// SMTP sender address) with the host's SMTP settings, in the administrator's language.
func MailAlert(st *store.Store, k *keys.Keys, loc *time.Location) func(ctx context.Context, s Schedule, since time.Time) error {
	return func(ctx context.Context, s Schedule, since time.Time) error {
		set, ok, err := notify.Load(st, k)
		if err != nil {
			return err
		}
		if !ok {
			return notify.ErrNotConfigured
		}
		a, err := LoadAlerts(st)
		if err != nil {
			return err
		}
		to := a.To
		if to == "" {
			to = set.From
		}
		lang := "en"
		if u, err := st.User(store.AdminLogin); err == nil && u.Lang == "fr" {
			lang = "fr"
		}
		subject, body := alertMail(s, since.In(loc), lang)
		if err := notify.Send(ctx, set, to, subject, body); err != nil {
			return fmt.Errorf("alert about schedule %s of %s: %w", s.ID, s.Client, err)
		}
		return nil
	}
}

// alertMail is the subject and body of the alert about s, failing since since.
func alertMail(s Schedule, since time.Time, lang string) (string, string) {
	when := since.Format("2006-01-02 15:04 MST")
	last := s.State.LastStatus
	if last == "" {
		last = "none"
	}
	if lang == "fr" {
		return fmt.Sprintf("Coffre : la sauvegarde planifiée de %s échoue depuis le %s", s.Client, when),
			fmt.Sprintf("La planification %q du client %s (%s) n'a réussi aucune sauvegarde depuis le %s, soit plus de deux périodes.\n"+
				"Dernière tâche : %s (statut %s).\nVoir Tâches dans le panneau, ou : coffre schedule show %s\n",
				s.ID, s.Client, s.When, when, s.State.LastTask, last, s.Client)
	}
	return fmt.Sprintf("Coffre: the scheduled backup of %s has been failing since %s", s.Client, when),
		fmt.Sprintf("The schedule %q of client %s (%s) has not made a successful backup since %s, more than twice its period.\n"+
			"Last task: %s (status %s).\nSee Tasks in the panel, or: coffre schedule show %s\n",
			s.ID, s.Client, s.When, when, s.State.LastTask, last, s.Client)
}
