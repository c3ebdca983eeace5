package demo

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
)

// The SQLite file format (https://www.sqlite.org/fileformat2.html), just enough to write a
// valid two-page database: page 1 holds the header and sqlite_schema with one table, page 2
// that table's rows in one leaf page.

const sqlitePageSize = 4096

// table is one SQLite table: its CREATE statement and rows. The first column of each row is the
// INTEGER PRIMARY KEY, stored as the rowid.
type table struct {
	Name   string
	Create string
	Rows   [][]any // int64, float64, string or nil
}

// sqliteFile returns the bytes of a SQLite 3 database holding t.
func sqliteFile(t table) ([]byte, error) {
	file := make([]byte, 2*sqlitePageSize)
	sqliteHeader(file[:100], 2)
	schema := [][]byte{cell(1, record([]any{"table", t.Name, t.Name, int64(2), t.Create}))}
	if err := leafPage(file[:sqlitePageSize], 100, schema); err != nil {
		return nil, fmt.Errorf("sqlite schema: %w", err)
	}
	cells := make([][]byte, 0, len(t.Rows))
	for _, row := range t.Rows {
		id, ok := row[0].(int64)
		if !ok {
			return nil, errors.New("sqlite: the first column must be an int64 id")
		}
		cells = append(cells, cell(id, record(append([]any{nil}, row[1:]...))))
	}
	if err := leafPage(file[sqlitePageSize:], 0, cells); err != nil {
		return nil, fmt.Errorf("sqlite table %s: %w", t.Name, err)
	}
	return file, nil
}

func sqliteHeader(h []byte, pages uint32) {
	copy(h, "SQLite format 3\x00")
	binary.BigEndian.PutUint16(h[16:], sqlitePageSize)
	h[18], h[19] = 1, 1                         // legacy (rollback journal) read and write versions
	h[21], h[22], h[23] = 64, 32, 32            // payload fractions, fixed by the format
	binary.BigEndian.PutUint32(h[24:], 1)       // file change counter
	binary.BigEndian.PutUint32(h[28:], pages)   // database size in pages
	binary.BigEndian.PutUint32(h[40:], 1)       // schema cookie
	binary.BigEndian.PutUint32(h[44:], 4)       // schema format
	binary.BigEndian.PutUint32(h[56:], 1)       // text encoding: UTF-8
	binary.BigEndian.PutUint32(h[92:], 1)       // version-valid-for: the change counter
	binary.BigEndian.PutUint32(h[96:], 3045001) // SQLITE_VERSION_NUMBER that wrote it
}

// leafPage writes a table b-tree leaf page whose header starts at off, its cells (in rowid
// order) packed at the end of the page.
func leafPage(page []byte, off int, cells [][]byte) error {
	h := page[off:]
	h[0] = 0x0d
	binary.BigEndian.PutUint16(h[3:], uint16(len(cells)))
	content := len(page)
	ptrs := off + 8
	for i, c := range cells {
		content -= len(c)
		if content < ptrs+2*len(cells) || len(c) > len(page)-35 {
			return errors.New("rows do not fit in one page")
		}
		copy(page[content:], c)
		binary.BigEndian.PutUint16(page[ptrs+2*i:], uint16(content))
	}
	binary.BigEndian.PutUint16(h[5:], uint16(content))
	return nil
}

// cell is a table leaf cell: payload size, rowid, payload.
func cell(rowid int64, payload []byte) []byte {
	c := varint(uint64(len(payload)))
	c = append(c, varint(uint64(rowid))...)
	return append(c, payload...)
}

// record encodes values in SQLite's record format: a header of serial types, then the values.
func record(values []any) []byte {
	var types, body []byte
	for _, v := range values {
		t, b := serial(v)
		types = append(types, varint(t)...)
		body = append(body, b...)
	}
	n := len(types) + 1
	if len(varint(uint64(n))) > 1 {
		n = len(types) + len(varint(uint64(len(types)+2)))
	}
	out := append(varint(uint64(n)), types...)
	return append(out, body...)
}

// serial returns a value's serial type and bytes.
func serial(v any) (uint64, []byte) {
	switch v := v.(type) {
	case nil:
		return 0, nil
	case int64:
		return serialInt(v)
	case float64:
		return 7, binary.BigEndian.AppendUint64(nil, math.Float64bits(v))
	case string:
		return uint64(13 + 2*len(v)), []byte(v)
	}
	panic(fmt.Sprintf("sqlite: unsupported value %T", v))
}

func serialInt(v int64) (uint64, []byte) {
	switch {
	case v == 0:
		return 8, nil
	case v == 1:
		return 9, nil
	case v >= math.MinInt8 && v <= math.MaxInt8:
		return 1, []byte{byte(v)}
	case v >= math.MinInt16 && v <= math.MaxInt16:
		return 2, binary.BigEndian.AppendUint16(nil, uint16(v))
	case v >= math.MinInt32 && v <= math.MaxInt32:
		return 4, binary.BigEndian.AppendUint32(nil, uint32(v))
	}
	return 6, binary.BigEndian.AppendUint64(nil, uint64(v))
}

// varint is SQLite's big-endian variable-length integer, for values below 2^56.
func varint(v uint64) []byte {
	var groups []byte
	for {
		groups = append(groups, byte(v&0x7f))
		v >>= 7
		if v == 0 {
			break
		}
	}
	out := make([]byte, len(groups))
	for i := range groups {
		out[i] = groups[len(groups)-1-i]
		if i < len(groups)-1 {
			out[i] |= 0x80
		}
	}
	return out
}
