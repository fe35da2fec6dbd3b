package study

import (
	"os"
	"path/filepath"

	"github.com/airansim/airansim/internal/output"
	"github.com/airansim/airansim/scenario"
)

// Prepare does what every experiment command does before its runs: it loads the scenario at
// scenarioPath ("" : the embedded paper scenario), creates the output directory out and writes
// out/config.json with the command's name, the VCS revision, its flags, the scenario, the cost
// profile in use (profile: the --profile override, "" for the scenario's) and the extra keys.
func Prepare(command, scenarioPath, profile, out string, flags any, extra map[string]any) (*scenario.Scenario, error) {
	sc, err := scenario.LoadOrDefault(scenarioPath)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return nil, err
	}
	cfg := map[string]any{"command": command, "revision": output.Revision(), "flags": flags, "scenario": sc,
		"scenario_file": sc.Path(), "cost_profile": sc.ProfileLabel(profile), "cost_profile_file": sc.ProfileFile(profile)}
	for k, v := range extra {
		cfg[k] = v
	}
	return sc, output.WriteJSON(filepath.Join(out, "config.json"), cfg)
}
