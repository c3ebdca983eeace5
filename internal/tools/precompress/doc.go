// Command precompress writes FILE.br and FILE.gz beside FILE at their best levels, so the server
// can hand the browser app.wasm already compressed.
package main
