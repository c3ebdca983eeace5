package notify

import (
	"context"
	"fmt"

	"coffre/server/failure"
	"coffre/server/keys"
	"coffre/server/store"
	"coffre/server/tasks"
)

// ErrNotConfigured is returned when no SMTP settings were saved.
var ErrNotConfigured = failure.New(failure.SMTPNotSetUp, "no SMTP settings: set them in Settings or with coffre smtp set")

// Notifier returns the task runner's Notify hook (tasks.Options.Notify): at each call it
// loads the SMTP settings and the client's language from the store, writes TaskMail and
// sends it to t.Notify. Its error is what the runner records on the task.
func Notifier(st *store.Store, k *keys.Keys) func(ctx context.Context, t tasks.Task) error {
	return func(ctx context.Context, t tasks.Task) error {
		s, ok, err := Load(st, k)
		if err != nil {
			return err
		}
		if !ok {
			return ErrNotConfigured
		}
		lang := "en"
		if c, err := st.Client(t.Client); err == nil {
			lang = c.Lang
		}
		subject, body := TaskMail(t, lang)
		if err := Send(ctx, s, t.Notify, subject, body); err != nil {
			return fmt.Errorf("task %s: %w", t.ID, err)
		}
		return nil
	}
}
