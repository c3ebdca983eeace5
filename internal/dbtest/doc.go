// Package dbtest starts throw-away PostgreSQL and MariaDB servers on loopback for tests.
package dbtest
