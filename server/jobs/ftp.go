package jobs

import (
	"context"
	"path/filepath"

	"coffre/engine/storage"
	"coffre/server/ftpset"
)

// StageDir is the folder of the data directory where uploads to a remote storage are staged,
// one volume (or 64 MiB) at a time, so that a failed upload is resumed or re-sent.
const StageDir = "staging"

// openFTP opens a client's personal FTP storage, wrapped in storage.Retry.
func (j *Jobs) openFTP(ctx context.Context, s ftpset.Settings) (storage.Storage, error) {
	return ftpset.Open(ctx, s, filepath.Join(j.st.Dir(), StageDir))
}
