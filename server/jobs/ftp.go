package jobs

import (
	"context"
	"errors"

	"coffre/engine/storage"
	"coffre/server/ftpset"
)

// openFTP opens a personal FTP storage; set to ftpset.Open once the FTP storage is built in.
var openFTP = func(ctx context.Context, s ftpset.Settings) (storage.Storage, error) {
	return nil, errNoFTP
}

var errNoFTP = errors.New("the personal FTP storage is not available in this build")
