package corpus

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
)

// stamp records, beside a cached corpus, what generated it and whether Change touched it.
type stamp struct {
	Version int     `json:"version"`
	Scale   float64 `json:"scale"`
	Seed    int64   `json:"seed"`
	Changed bool    `json:"changed"`
}

// stampPath is the stamp file of the corpus in dir: beside it, so that it is not in the tree.
func stampPath(dir string) string { return dir + ".stamp.json" }

// Ensure makes dir hold the corpus for scale and seed: it keeps a complete corpus of the same
// Version, reverts one that Change touched, and otherwise deletes dir and generates it again
// (then generated is true). The stamp is written only once the corpus is complete.
func Ensure(dir string, scale float64, seed int64) (generated bool, err error) {
	want := stamp{Version: Version, Scale: scale, Seed: seed}
	got, err := readStamp(dir)
	if err == nil && got.Version == want.Version && got.Scale == want.Scale && got.Seed == want.Seed {
		if !got.Changed {
			return false, nil
		}
		if err := Revert(dir, scale, seed); err != nil {
			return false, err
		}
		return false, writeStamp(dir, want)
	}
	if err := os.Remove(stampPath(dir)); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return false, fmt.Errorf("corpus: %w", err)
	}
	if err := os.RemoveAll(dir); err != nil {
		return false, fmt.Errorf("corpus: %w", err)
	}
	if err := Generate(dir, scale, seed); err != nil {
		return false, err
	}
	return true, writeStamp(dir, want)
}

func readStamp(dir string) (stamp, error) {
	var s stamp
	b, err := os.ReadFile(stampPath(dir))
	if err != nil {
		return s, err
	}
	return s, json.Unmarshal(b, &s)
}

func writeStamp(dir string, s stamp) error {
	b, _ := json.Marshal(s)
	if err := os.WriteFile(stampPath(dir), b, 0o644); err != nil {
		return fmt.Errorf("corpus: %w", err)
	}
	return nil
}

// markChanged records in a cached corpus's stamp that Change is about to touch it.
func markChanged(dir string) error {
	s, err := readStamp(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil // not a cached corpus
	}
	if err != nil {
		return err
	}
	s.Changed = true
	return writeStamp(dir, s)
}
