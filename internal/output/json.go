package output

import (
	"encoding/json"
	"fmt"
)

// WriteJSON writes v to path atomically (see WriteFileAtomic) as JSON
// indented by two spaces and followed by a newline. Map keys are sorted by
// encoding/json, so equal values give byte-identical files.
func WriteJSON(path string, v any) error {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return fmt.Errorf("output: encoding %s: %w", path, err)
	}
	return WriteFileAtomic(path, append(b, '\n'))
}
