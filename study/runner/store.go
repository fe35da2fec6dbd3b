package runner

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/airansim/airansim/internal/output"
)

// checkKeys reports the first job whose key is empty, duplicated or unsafe
// as a file name.
func checkKeys[T any](jobs []Job[T]) error {
	seen := make(map[string]int, len(jobs))
	for i, j := range jobs {
		if err := checkKey(j.Key); err != nil {
			return fmt.Errorf("runner: job %d: %w", i, err)
		}
		if k, dup := seen[j.Key]; dup {
			return fmt.Errorf("runner: jobs %d and %d share key %q", k, i, j.Key)
		}
		seen[j.Key] = i
		if j.Run == nil {
			return fmt.Errorf("runner: job %q has a nil Run", j.Key)
		}
	}
	return nil
}

// checkKey rejects keys that are not a plain file name: empty, starting
// with a dot (hidden, and the prefix of temporary files), or holding a path
// separator, a NUL or a control character.
func checkKey(key string) error {
	switch {
	case key == "":
		return fmt.Errorf("empty key")
	case strings.HasPrefix(key, "."):
		return fmt.Errorf("key %q starts with a dot", key)
	case strings.ContainsFunc(key, func(r rune) bool { return r < 0x20 || r == 0x7f || r == '/' || r == '\\' }):
		return fmt.Errorf("key %q is not safe as a file name", key)
	}
	return nil
}

// resultPath returns the file holding the result of the job with key.
func resultPath(dir, key string) string {
	return filepath.Join(dir, key+".json")
}

// Stored is the content of a stored result file, Options.Dir/<Key>.json.
type Stored[T any] struct {
	Fingerprint string          `json:"fingerprint"` // Fingerprint(Job.Inputs) when the result was stored
	Inputs      json.RawMessage `json:"inputs"`      // Canonical(Job.Inputs) (indented in the file, compact from Load), for people and the stale report
	Result      T               `json:"result"`      // what Job.Run returned
}

// Load reads the stored result file at path. A file without a fingerprint (stored by an older
// version as a bare result) is returned with an empty Fingerprint and Inputs, its Result decoded
// from the whole file.
func Load[T any](path string) (Stored[T], error) {
	var s Stored[T]
	b, err := os.ReadFile(path)
	if err != nil {
		return s, fmt.Errorf("runner: %w", err)
	}
	var probe struct {
		Fingerprint *string `json:"fingerprint"`
	}
	if err := json.Unmarshal(b, &probe); err != nil || probe.Fingerprint == nil {
		if err := json.Unmarshal(b, &s.Result); err != nil {
			return s, fmt.Errorf("runner: %s: %w", path, err)
		}
		return s, nil
	}
	if err := json.Unmarshal(b, &s); err != nil {
		return s, fmt.Errorf("runner: %s: %w", path, err)
	}
	var c bytes.Buffer
	if json.Compact(&c, s.Inputs) == nil {
		s.Inputs = c.Bytes()
	}
	return s, nil
}

// stamp is a job's canonical inputs and their fingerprint.
type stamp struct {
	inputs      []byte
	fingerprint string
}

// stampOf computes the stamp of inputs.
func stampOf(inputs any) (stamp, error) {
	c, err := Canonical(inputs)
	if err != nil {
		return stamp{}, err
	}
	return stamp{c, fingerprintOf(c)}, nil
}

// save stores v as the result of key with its stamp, atomically.
func save[T any](dir, key string, st stamp, v T) error {
	return output.WriteJSON(resultPath(dir, key), Stored[T]{Fingerprint: st.fingerprint, Inputs: st.inputs, Result: v})
}

// Fresh reports whether dir holds a result of job stored with the fingerprint of its Inputs, that
// is one that Run with Resume would reuse (if it decodes as a T).
func Fresh[T any](dir string, job Job[T]) bool {
	st, err := Load[json.RawMessage](resultPath(dir, job.Key))
	if err != nil || st.Fingerprint == "" {
		return false
	}
	fp, err := Fingerprint(job.Inputs)
	return err == nil && fp == st.Fingerprint
}
