package archive

// Frame is where a chunk of the archive starts: Raw in the uncompressed tar stream, Comp in the
// volumes taken one after the other; Sum is the SHA-256 of its compressed bytes (zero in the
// table's last Frame, which gives the totals). It is index.Frame's twin: the index records the
// table, the archive does not depend on the index.
type Frame struct {
	Raw, Comp int64
	Sum       [32]byte
}
