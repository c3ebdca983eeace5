// Package extract writes archive entries into a target directory through os.Root, never outside
// it and never through a symlink found there, each file under a temporary name then renamed.
package extract
