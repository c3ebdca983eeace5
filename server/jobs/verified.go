package jobs

import (
	"time"

	"coffre/engine/verify"
	"coffre/server/store"
)

// bucketVerifications keeps the last verification of each backup, keyed client/storage/name.
const bucketVerifications = "verifications"

// maxRecordedProblems bounds the problems a record keeps (the task keeps the whole report).
const maxRecordedProblems = 10

// Verification is the last verification of one backup, as the Backup Manager shows it.
type Verification struct {
	At       time.Time        `json:"at"`
	OK       bool             `json:"ok"`
	Task     string           `json:"task,omitempty"`
	Volumes  int              `json:"volumes"`
	Entries  int64            `json:"entries"`
	Problems []verify.Problem `json:"problems,omitempty"` // the first ones: which volume, which entry
	More     int              `json:"more,omitempty"`     // problems not kept here
}

func verificationKey(login, kind, name string) string { return login + "/" + kind + "/" + name }

// recordVerification keeps what the verification of a backup found; a failure to keep it is
// returned (the task says so) but changes nothing of the verification.
func (j *Jobs) recordVerification(login, kind, name, task string, rep verify.Report) error {
	v := Verification{At: j.clock().UTC(), OK: rep.OK(), Task: task, Volumes: rep.Volumes, Entries: rep.Entries,
		More: rep.More}
	v.Problems = rep.Problems[:min(len(rep.Problems), maxRecordedProblems)]
	v.More += len(rep.Problems) - len(v.Problems)
	return j.st.Update(func(tx *store.Tx) error {
		return store.Put(tx, bucketVerifications, verificationKey(login, kind, name), v)
	})
}

// forgetVerification drops the record of a deleted backup (an upload under the same name
// starts without one).
func (j *Jobs) forgetVerification(login, kind, name string) {
	j.st.Update(func(tx *store.Tx) error {
		return store.Delete(tx, bucketVerifications, verificationKey(login, kind, name))
	})
}

// withVerifications sets each listed backup's last verification.
func (j *Jobs) withVerifications(login string, list []Listed) {
	j.st.View(func(tx *store.Tx) error {
		for i := range list {
			v, ok, err := store.Get[Verification](tx, bucketVerifications,
				verificationKey(login, list[i].Storage, list[i].Name))
			if err != nil || !ok {
				continue
			}
			list[i].Verification = &v
			at := v.At
			list[i].Verified = &at
		}
		return nil
	})
}
