// Package app is the panel: go-app pages and widgets that render state, the actions that fetch it
// from the server's API, and the panel's words in English and French.
package app
