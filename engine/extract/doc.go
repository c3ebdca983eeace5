// Package extract writes archive entries into a target directory, never outside it nor through
// a symlink found there: every write goes through the os.Root of the entry's own directory,
// opened one component at a time, and each file appears only whole (temporary name, rename).
package extract
