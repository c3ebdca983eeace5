// Package api serves the panel's JSON API under /api/ (routes in docs/api.md and routes.go),
// checking the session and the client's ownership on every object route.
package api
