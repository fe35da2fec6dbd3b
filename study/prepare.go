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
	cfg := map[string]any{"scenario": sc, "scenario_file": sc.Path(), "cost_profile": sc.ProfileLabel(profile),
		"cost_profile_file": sc.ProfileFile(profile)}
	for k, v := range extra {
		cfg[k] = v
	}
	return sc, WriteConfig(command, out, flags, cfg)
}

// WriteConfig creates the output directory out and writes out/config.json with the command's name,
// the VCS revision, its flags and the extra keys: the part of Prepare for a command whose scenario is
// built in.
func WriteConfig(command, out string, flags any, extra map[string]any) error {
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	cfg := map[string]any{"command": command, "revision": output.Revision(), "flags": flags}
	for k, v := range extra {
		cfg[k] = v
	}
	return output.WriteJSON(filepath.Join(out, "config.json"), cfg)
}
