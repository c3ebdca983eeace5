package storage_test

import (
	"testing"

	"coffre/engine/storage"
	"coffre/engine/storage/storagetest"
)

func TestLocalConformance(t *testing.T) {
	storagetest.Run(t, func(t *testing.T) storage.Storage {
		s, err := storage.NewLocal(t.TempDir() + "/store")
		if err != nil {
			t.Fatal(err)
		}
		return s
	})
}

func TestMemConformance(t *testing.T) {
	storagetest.Run(t, func(t *testing.T) storage.Storage { return storage.NewMem() })
}

// Wrappers without faults must keep the contract of what they wrap.
func TestFaultyWithoutFaultsConformance(t *testing.T) {
	storagetest.Run(t, func(t *testing.T) storage.Storage {
		return storage.NewFaulty(storage.NewMem(), storage.Fault{Op: storage.OpPut, Name: "never-used", Call: 1})
	})
}
