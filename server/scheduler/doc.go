// Package scheduler keeps each client's backup schedules in the store and, at each tick of an
// injected clock, queues the runs that are due as tasks of the task runner, once however many
// were missed, and mails the administrator about a schedule that keeps failing.
package scheduler
