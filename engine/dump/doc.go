// Package dump streams a database out as one consistent dump (PostgreSQL and MySQL/MariaDB
// through their dump tools, SQLite as an online copy) and loads such a dump back; it runs
// external programs and is not wasm-safe.
package dump
