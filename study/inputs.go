package study

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"

	"github.com/airansim/airansim/scenario"
	"github.com/airansim/airansim/telemetry"
)

// modulePath is this module's path, looked up among the dependencies of an outside main module.
const modulePath = "github.com/airansim/airansim"

// Inputs is everything that determines a run's result. A sweep stores it next to the result
// (runs/<key>.json, "inputs") and keys the result by its fingerprint, the SHA-256 of its canonical
// JSON (runner.Fingerprint), so that a resumed sweep reuses a result only for the same inputs.
//
// Files are identified by the path as given and the SHA-256 of their content: editing, replacing
// or moving a file makes the runs that read it stale. The code is identified by the VCS revision
// (output.Revision): a commit makes every run stale. A dirty revision ("<rev>-dirty", uncommitted
// changes) or "unknown" cannot tell two states of the code apart, so runs stored under it are
// reused when the revision string matches; Sweep warns about it.
type Inputs struct {
	ScenarioFile          string             `json:"scenario_file"` // "": the embedded paper scenario
	Scenario              *scenario.Scenario `json:"scenario"`      // the whole content, without paper_table (it changes no run)
	Load                  float64            `json:"load"`          // Spec.Load
	Method                string             `json:"method"`        // Spec.Method
	Seed                  uint64             `json:"seed"`          // Spec.Seed
	Requests              int                `json:"requests"`      // Spec.Requests
	Trace                 FileInput          `json:"trace"`         // Spec.Trace
	RequestTrace          FileInput          `json:"request_trace"` // Spec.RequestTrace
	Profile               FileInput          `json:"profile"`       // the profile read: Spec.Profile, else the scenario's; "": built-in
	Agent                 AgentInput         `json:"agent"`         // Spec.Agent
	ChargeDecisionLatency bool               `json:"charge_decision_latency"`
	Workload              string             `json:"workload,omitempty"`  // Spec.Workload.Name
	Measures              []string           `json:"measures,omitempty"`  // names of Spec.Measures
	Telemetry             *telemetry.Options `json:"telemetry,omitempty"` // Spec.Telemetry
	Params                any                `json:"params,omitempty"`    // Spec.Params
	Revision              string             `json:"revision"`            // output.Revision of the code that runs
	Module                string             `json:"module,omitempty"`    // this module's version and sum when a study outside it runs it
}

// FileInput identifies a file by its path as given and the SHA-256 of its content.
type FileInput struct {
	Path   string `json:"path"`             // "": no file
	SHA256 string `json:"sha256,omitempty"` // hexadecimal
	Bytes  int64  `json:"bytes,omitempty"`  // size
}

// AgentInput is the part of an agent.Config that can change a run: the options of an Ollama
// agent, the content of a replay file.
type AgentInput struct {
	Spec       string     `json:"spec"`                  // "" is recorded as "heuristic"
	Replay     *FileInput `json:"replay,omitempty"`      // replay:<file>
	OllamaHost string     `json:"ollama_host,omitempty"` // ollama:<model>
	Think      bool       `json:"think,omitempty"`       // ollama:<model>
	TimeoutS   float64    `json:"timeout_s,omitempty"`   // ollama:<model>, s
}

// inputHasher computes Inputs, hashing each file once.
type inputHasher struct {
	revision, module string
	files            map[string]FileInput
}

func newInputHasher(revision string) *inputHasher {
	return &inputHasher{revision: revision, module: moduleVersion(), files: map[string]FileInput{}}
}

// inputs returns the Inputs of spec.
func (h *inputHasher) inputs(s Spec) (Inputs, error) {
	if s.Scenario == nil {
		return Inputs{}, fmt.Errorf("study: %s seed %d: no scenario", s.Method, s.Seed)
	}
	sc := *s.Scenario
	sc.Paper = nil
	in := Inputs{ScenarioFile: s.Scenario.Path(), Scenario: &sc, Load: s.Load, Method: s.Method, Seed: s.Seed,
		Requests: s.Requests, ChargeDecisionLatency: s.ChargeDecisionLatency, Params: s.Params,
		Revision: h.revision, Module: h.module}
	var err error
	if in.Trace, err = h.file(s.Trace); err != nil {
		return Inputs{}, err
	}
	if in.RequestTrace, err = h.file(s.RequestTrace); err != nil {
		return Inputs{}, err
	}
	if in.Profile, err = h.file(s.Scenario.ProfileFile(s.Profile)); err != nil {
		return Inputs{}, err
	}
	if in.Agent, err = h.agent(s); err != nil {
		return Inputs{}, err
	}
	if s.Workload != nil {
		in.Workload = s.Workload.Name
	}
	in.Telemetry = s.Telemetry
	for _, m := range s.Measures {
		in.Measures = append(in.Measures, m.Name)
	}
	return in, nil
}

// agent returns the AgentInput of s.Agent.
func (h *inputHasher) agent(s Spec) (AgentInput, error) {
	a := AgentInput{Spec: s.Agent.Spec}
	if a.Spec == "" {
		a.Spec = "heuristic"
	}
	kind, arg, _ := strings.Cut(a.Spec, ":")
	switch kind {
	case "replay":
		f, err := h.file(arg)
		if err != nil {
			return AgentInput{}, err
		}
		a.Replay = &f
	case "ollama":
		a.OllamaHost, a.Think, a.TimeoutS = s.Agent.OllamaHost, s.Agent.Think, s.Agent.Timeout.Seconds()
	}
	return a, nil
}

// file returns the FileInput of path, hashing the file on first use.
func (h *inputHasher) file(path string) (FileInput, error) {
	if path == "" {
		return FileInput{}, nil
	}
	if f, ok := h.files[path]; ok {
		return f, nil
	}
	f, err := hashFile(path)
	if err != nil {
		return FileInput{}, err
	}
	h.files[path] = f
	return f, nil
}

// hashFile reads the file at path and returns its FileInput.
func hashFile(path string) (FileInput, error) {
	fh, err := os.Open(path)
	if err != nil {
		return FileInput{}, fmt.Errorf("study: %w", err)
	}
	defer fh.Close()
	sum := sha256.New()
	n, err := io.Copy(sum, fh)
	if err != nil {
		return FileInput{}, fmt.Errorf("study: %s: %w", path, err)
	}
	return FileInput{Path: path, SHA256: hex.EncodeToString(sum.Sum(nil)), Bytes: n}, nil
}

// moduleVersion returns "<version> <sum>" of this module when the running program's main module is
// another one (a study outside this repository), "" otherwise (the revision identifies the code).
func moduleVersion() string {
	info, ok := debug.ReadBuildInfo()
	if !ok || info.Main.Path == modulePath {
		return ""
	}
	for _, d := range info.Deps {
		if d.Path == modulePath {
			if d.Replace != nil {
				d = d.Replace
			}
			return strings.TrimSpace(d.Version + " " + d.Sum)
		}
	}
	return ""
}
