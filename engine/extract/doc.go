// Package extract writes archive entries into a target directory, never outside it nor through
// a symlink found there: each entry is made relative to its directory, opened from the target
// one component at a time (os.Root, O_NOFOLLOW), and each file appears only whole.
package extract
