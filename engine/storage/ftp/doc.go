// Package ftp is the personal FTP storage: a storage.Storage on a client's own FTP or FTPS server.
package ftp
