package scenario

import (
	"fmt"
	"path/filepath"

	"github.com/airansim/airansim/traces"
)

// ProfileFile returns the calibration profile a Build with BuildOptions.Profile = override reads:
// override if not empty, else the scenario's profile resolved against the scenario file's
// directory; "" means the built-in cost model (traces.DefaultCostModel).
func (s *Scenario) ProfileFile(override string) string {
	if override != "" || s.Profile == "" {
		return override
	}
	if s.path != "" && !filepath.IsAbs(s.Profile) {
		return filepath.Join(filepath.Dir(s.path), s.Profile)
	}
	return s.Profile
}

// ProfileLabel describes the profile of ProfileFile(override) for logs and config files: the file
// and the profile's name, e.g. `out/h100.json ("nvidia-h100-80gb-hbm3-qwen3-14b")`, or
// "built-in defaults (docs/profile.md)". A file that cannot be read is named alone; Build reports
// the error.
func (s *Scenario) ProfileLabel(override string) string {
	path := s.ProfileFile(override)
	if path == "" {
		return "built-in defaults (docs/profile.md)"
	}
	if p, err := traces.LoadProfile(path); err == nil && p.Name != "" {
		return fmt.Sprintf("%s (%q)", path, p.Name)
	}
	return path
}
