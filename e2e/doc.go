// Package e2e walks the panel as a new user would: it starts the built binary on demo data and
// drives Debian's Chromium through it (tests only).
package e2e
