package runner

import (
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

// load decodes the stored result of key. ok is false if the file is missing
// or does not decode as a T.
func load[T any](dir, key string) (v T, ok bool) {
	b, err := os.ReadFile(resultPath(dir, key))
	if err != nil {
		return v, false
	}
	if err := json.Unmarshal(b, &v); err != nil {
		var zero T
		return zero, false
	}
	return v, true
}

// save stores v as the result of key, atomically.
func save[T any](dir, key string, v T) error {
	return output.WriteJSON(resultPath(dir, key), v)
}
