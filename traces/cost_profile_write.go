package traces

import (
	"encoding/json"
	"fmt"
	"io"
)

// Encode validates p and writes it to w as JSON indented by two spaces, followed by a newline, in
// the schema ParseProfile reads (docs/profile.md); overrides left nil are omitted. The same profile
// always gives the same bytes.
func (p *Profile) Encode(w io.Writer) error {
	if err := p.Validate(); err != nil {
		return err
	}
	b, err := json.MarshalIndent(p, "", "  ")
	if err != nil {
		return fmt.Errorf("traces: profile: %w", err)
	}
	if _, err := w.Write(append(b, '\n')); err != nil {
		return fmt.Errorf("traces: profile: %w", err)
	}
	return nil
}
