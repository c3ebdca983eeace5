package manifest

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"coffre/engine/storage"
)

// MaxVolumes bounds the volumes of one backup.
const MaxVolumes = 100000

// Parse reads a manifest file strictly (unknown fields, trailing data, out-of-range values are
// refused) without checking its signature. Errors wrap ErrInvalid.
func Parse(data []byte) (Manifest, error) {
	m, _, err := parse(data)
	return m, err
}

func parse(data []byte) (Manifest, file, error) {
	var f file
	var m Manifest
	if len(data) > MaxSize {
		return m, f, fmt.Errorf("parse manifest: too large: %w", ErrInvalid)
	}
	if err := strict(data, &f); err != nil {
		return m, f, fmt.Errorf("parse manifest: %w: %w", ErrInvalid, err)
	}
	if err := strict(f.Manifest, &m); err != nil {
		return m, f, fmt.Errorf("parse manifest: %w: %w", ErrInvalid, err)
	}
	if err := m.validate(); err != nil {
		return Manifest{}, f, fmt.Errorf("parse manifest: %w", err)
	}
	return m, f, nil
}

func strict(data []byte, v any) error {
	d := json.NewDecoder(bytes.NewReader(data))
	d.DisallowUnknownFields()
	if err := d.Decode(v); err != nil {
		return err
	}
	if _, err := d.Token(); err != io.EOF {
		return fmt.Errorf("data after the manifest")
	}
	return nil
}

func (m *Manifest) validate() error {
	bad := func(what string) error { return fmt.Errorf("%s: %w", what, ErrInvalid) }
	switch {
	case m.Format != Format:
		return bad(fmt.Sprintf("format %d", m.Format))
	case !storage.ValidName(m.Name) || m.Client == "":
		return bad("name")
	case m.Type != Full && m.Type != Incremental:
		return bad("type")
	case (m.Type == Full) != (m.Parent == ""):
		return bad("parent")
	case m.Parent != "" && (!storage.ValidName(m.Parent) || m.Parent == m.Name):
		return bad("parent")
	case m.Created.IsZero():
		return bad("created")
	case len(m.Volumes) == 0 || len(m.Volumes) > MaxVolumes:
		return bad("volumes")
	case m.Files < 0 || m.Bytes < 0 || m.Entries < 0 || m.Warnings < 0:
		return bad("counts")
	}
	if err := m.Captured.check(); err != nil {
		return err
	}
	if err := m.Protection.check(m.Name); err != nil {
		return err
	}
	sealed := m.Protection != nil
	if err := m.Index.check(objectName(IndexName(m.Name), sealed)); err != nil {
		return bad("index")
	}
	split := len(m.Volumes) > 1 || m.Volumes[0].Name != objectName(VolumeName(m.Name, false, 0), sealed)
	for i, v := range m.Volumes {
		if v.check(volumeName(m.Name, split, i, sealed)) != nil {
			return bad(fmt.Sprintf("volume %d", i+1))
		}
	}
	return nil
}

func (o Object) check(name string) error {
	if o.Name != name || o.Size < 0 || len(o.SHA256) != 64 || strings.ToLower(o.SHA256) != o.SHA256 {
		return ErrInvalid
	}
	_, err := hex.DecodeString(o.SHA256)
	return err
}
