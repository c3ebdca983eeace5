// Package auth checks passwords, keeps the panel's sessions and limits login attempts.
package auth
