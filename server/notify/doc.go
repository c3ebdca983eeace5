// Package notify sends Coffre's mail through the host's SMTP server: the test mail and the mail that tells a client how its task ended, in its language.
package notify
