// Package ftpset keeps each client's personal FTP storage settings, its password sealed at
// rest, and opens and tests that storage.
package ftpset
