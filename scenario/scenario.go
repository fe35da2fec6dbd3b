package scenario

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/airansim/airansim/scoring"
)

// ErrInvalid is wrapped by every validation error.
var ErrInvalid = errors.New("scenario: invalid")

//go:embed paper.json
var paperJSON []byte

// Scenario is the content of a scenario file. Field comments give units; docs/scenario.md defends
// the values of the default scenario.
type Scenario struct {
	Name        string         `json:"name"`
	Description string         `json:"description,omitempty"`
	HopDelayS   float64        `json:"hop_delay_s"`                // δ, s
	RANDelayS   float64        `json:"ran_delay_s"`                // fixed RAN packet-processing delay in AI requests' δ_q, s
	EpochS      float64        `json:"epoch_s"`                    // Δ, s
	DrainS      float64        `json:"drain_s"`                    // time after the last arrival before unfinished requests are cut, s
	EpsilonS    float64        `json:"urgency_epsilon_s"`          // ε of eq. (14), s
	Profile     string         `json:"profile,omitempty"`          // calibration profile file overriding the cost model (relative to the scenario file)
	Cost        *CostOverrides `json:"cost,omitempty"`             // cost-model values fixed by the scenario, applied after the profile
	RANFloors   *RANFloors     `json:"ran_floors,omitempty"`       // safety margin of the RAN floors; absent: none
	ReallocS    float64        `json:"realloc_period_s,omitempty"` // periodic reallocation of busy nodes, s; 0: at events only
	Nodes       []Node         `json:"nodes"`                      // compute nodes
	Services    []Service      `json:"services"`                   // services and their initial placement
	Cells       []Cell         `json:"cells"`                      // cells and their DU / CU-UP
	Topology    *Topology      `json:"topology,omitempty"`         // inter-node delays; absent: a full mesh of hop_delay_s
	Clusters    []Cluster      `json:"clusters,omitempty"`         // managed clusters under one hub; absent: one cluster of every node
	Power       *Power         `json:"power,omitempty"`            // node power models; absent: power.Default for every node
	Events      []Event        `json:"events,omitempty"`           // scheduled node failures, recoveries and capacity changes
	Workload    Workload       `json:"workload"`                   // traffic
	Paper       []Row          `json:"paper_table,omitempty"`      // the paper's published results, for side-by-side tables
	Autoscaling *Autoscaling   `json:"autoscaling,omitempty"`      // replica autoscaling (ORAN-HAutoscaling); absent: none
	// Scoring and DynamicScoring configure the dynamic-scoring method (scenario/dynscore.go); absent: its defaults.
	Scoring        *scoring.Section `json:"scoring,omitempty"`
	DynamicScoring *DynamicScoring  `json:"dynamic_scoring,omitempty"`

	path string // file it was read from, "" for the embedded default
}

// Node is a compute node.
type Node struct {
	Name     string   `json:"name"`
	GPU      float64  `json:"gpu_tflops"`    // G_n, effective TFLOP/s
	VRAMGB   float64  `json:"vram_gb"`       // V_n, GB
	CPUCores float64  `json:"cpu_cores"`     // C_n, cores
	MIG      *NodeMIG `json:"mig,omitempty"` // MIG partitioning of the node's GPU (scenario/mig.go); absent: none
}

// Service is a service and the nodes of its replicas at time 0.
type Service struct {
	Name      string   `json:"name"`
	Category  string   `json:"category"`             // du, cu-up, large-ai, small-ai
	WeightsGB float64  `json:"weights_gb"`           // M_s, GB
	ReconfigS *float64 `json:"reconfig_s,omitempty"` // R_s, s; absent: the category default (cost profile)
	Nodes     []string `json:"nodes"`                // one replica per entry
}

// Cell is a radio cell with its DU and CU-UP services.
type Cell struct {
	Name string `json:"name"`
	DU   string `json:"du"`
	CUUP string `json:"cu_up"`
}

// Row is one published result row of the paper (fractions in [0,1]), for comparison tables.
type Row struct {
	Method     string  `json:"method"`
	Load       float64 `json:"load"`
	Overall    float64 `json:"overall"`
	RAN        float64 `json:"ran"`
	AI         float64 `json:"ai"`
	LargeAI    float64 `json:"large_ai"`
	SmallAI    float64 `json:"small_ai"`
	MigLarge   int     `json:"migrations_large"`
	MigTotal   int     `json:"migrations_total"`
	HasDetails bool    `json:"has_details"` // false: only AI and RAN fulfillment were published (Fig. 2)
}

// Default returns the paper's scenario (Table I), embedded in the binary.
func Default() *Scenario {
	s, err := Parse(bytes.NewReader(paperJSON), "paper.json (embedded)")
	if err != nil {
		panic(err) // the embedded file is tested
	}
	s.path = ""
	return s
}

// Load reads and validates the scenario file at path.
func Load(path string) (*Scenario, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("scenario: %w", err)
	}
	defer f.Close()
	s, err := Parse(f, path)
	if err != nil {
		return nil, err
	}
	s.path = path
	return s, nil
}

// Parse reads and validates a scenario from r; name is used in errors. Unknown keys are errors.
func Parse(r io.Reader, name string) (*Scenario, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("scenario: %s: %w", name, err)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var s Scenario
	if err := dec.Decode(&s); err != nil {
		return nil, fmt.Errorf("%w: %s: %s", ErrInvalid, name, describeJSONError(data, err))
	}
	if dec.More() {
		return nil, fmt.Errorf("%w: %s: trailing data after the scenario object", ErrInvalid, name)
	}
	if err := s.validate(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return &s, nil
}

// describeJSONError adds the line and column to syntax and type errors.
func describeJSONError(data []byte, err error) string {
	var off int64 = -1
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		off = se.Offset
	case errors.As(err, &te):
		off = te.Offset
	}
	if off < 0 {
		return err.Error()
	}
	line, col := 1, 1
	for _, b := range data[:min(int(off), len(data))] {
		if b == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
	}
	return fmt.Sprintf("line %d, column %d: %v", line, col, err)
}

// Path returns the file the scenario was read from ("" for the embedded default).
func (s *Scenario) Path() string { return s.path }

// LoadOrDefault loads the scenario file at path, or returns the embedded default when path is empty.
func LoadOrDefault(path string) (*Scenario, error) {
	if path == "" {
		return Default(), nil
	}
	return Load(path)
}
