// Package ftptest starts FTP servers on loopback for tests: an in-process one whose file system
// a test controls (to inject faults), and a real vsftpd in plain, explicit or implicit FTPS.
package ftptest
