package protect

import (
	"encoding/base64"
	"strings"
	"testing"

	"filippo.io/age"
)

// A stanza asking for more scrypt work than Coffre writes (a crafted upload: 2^22 would take
// 4 GiB of memory) is refused before anything is derived.
func TestUnwrapRefusesAHigherWorkFactor(t *testing.T) {
	k, err := NewKey("correct horse")
	if err != nil {
		t.Fatal(err)
	}
	salt := base64.RawStdEncoding.EncodeToString(make([]byte, 16))
	crafted := []*age.Stanza{{Type: "scrypt", Args: []string{salt, "22"}, Body: make([]byte, 32)}}
	_, err = identity{k: k, name: "x.index.zst.age"}.Unwrap(crafted)
	if err == nil || !strings.Contains(err.Error(), "work factor") {
		t.Fatalf("Unwrap of a work factor of 22: %v, want it refused for its work factor", err)
	}
}
