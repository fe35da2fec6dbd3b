package scenario

import (
	"fmt"
	"io"
	"math"

	"github.com/airansim/airansim/sim"
	"github.com/airansim/airansim/traces"
)

// BuildOptions selects the load point and workload of one run. The zero value is the scenario at ρ = 1.
type BuildOptions struct {
	Load     float64 // target ρ of DESIGN.md; 0: 1
	Requests int     // total requests (AI + RAN); 0: requests_at_load_1 × ρ
	Seed     uint64  // workload seed
	Trace    string  // Azure token trace (CSV or parquet) replacing the embedded model; "": embedded model
	// RequestTrace is a generic request trace (CSV or parquet, docs/traces.md) replacing the whole
	// workload, AI and RAN, replayed as is: Load and Trace are then ignored and Requests only caps it.
	RequestTrace string
	Profile      string // calibration profile overriding the scenario's; "": the scenario's, or the defaults
}

// Built is a scenario made concrete for one run.
type Built struct {
	Config   sim.Config // topology, placement, delays and Source; Controllers, Allocator and Sink are left to the caller
	Epoch    float64    // the scenario's placement interval Δ (epoch_s), s; 0: unset (sim.DefaultPeriod)
	Rho      float64    // the load achieved
	Factor   float64    // rate factor applied to the base AI and RAN rates
	Requests int        // total requests (0: a request trace replayed whole)
	Profile  string     // calibration profile used ("" for the built-in defaults)
	Nodes    []string   // node names by index
	Services []string   // service names by index
	Cells    []string   // cell names by index
	MIG      []MIGGPU   // the MIG GPUs, in file order (scenario/mig.go)
	closers  []io.Closer
}

// Close releases trace files.
func (b *Built) Close() error {
	var first error
	for _, c := range b.closers {
		if err := c.Close(); err != nil && first == nil {
			first = err
		}
	}
	return first
}

// Build turns the scenario into a simulator configuration and workload at the requested load.
func (s *Scenario) Build(o BuildOptions) (*Built, error) {
	if o.Load == 0 {
		o.Load = 1
	}
	if !positive(o.Load) || o.Requests < 0 {
		return nil, invalid("load %v must be > 0 and requests %d ≥ 0", o.Load, o.Requests)
	}
	b := &Built{Requests: o.Requests}
	if b.Requests == 0 {
		b.Requests = int(math.Round(float64(s.Workload.RequestsAtLoad1) * o.Load))
	}
	cost, err := s.costModel(o, b)
	if err != nil {
		return nil, err
	}
	if err := s.topology(&b.Config, b, cost); err != nil {
		return nil, err
	}
	var w sim.Source
	if o.RequestTrace != "" {
		b.Requests = o.Requests // 0: the whole file
		w, err = s.requestTrace(o, cost, b)
	} else {
		w, err = s.workload(o, cost, b)
	}
	if err != nil {
		b.Close()
		return nil, err
	}
	b.Config.Source = w
	if b.Requests > 0 {
		b.Config.Source = traces.Limit(w, b.Requests)
	}
	return b, nil
}

func (s *Scenario) costModel(o BuildOptions, b *Built) (traces.CostModel, error) {
	b.Profile = s.ProfileFile(o.Profile)
	if b.Profile == "" {
		return s.Cost.apply(traces.DefaultCostModel()), nil
	}
	p, err := traces.LoadProfile(b.Profile)
	if err != nil {
		return traces.CostModel{}, fmt.Errorf("scenario: profile: %w", err)
	}
	return s.Cost.apply(p.CostModel()), nil
}

func (s *Scenario) topology(c *sim.Config, b *Built, cost traces.CostModel) error {
	nodeIdx, host, err := s.buildNodes(c, b)
	if err != nil {
		return err
	}
	first := map[string]int{} // service name → its first instance
	for si, sv := range s.Services {
		cat, _ := sim.ParseCategory(sv.Category)
		r := reloadOf(cat, cost)
		if sv.ReconfigS != nil {
			r = *sv.ReconfigS
		}
		c.Services = append(c.Services, sim.ServiceSpec{Name: sv.Name, Category: cat, WeightsGB: sv.WeightsGB, ReconfigS: r})
		b.Services = append(b.Services, sv.Name)
		first[sv.Name] = len(c.Instances)
		for _, n := range sv.Nodes {
			c.Instances = append(c.Instances, sim.InstanceSpec{Service: si, Node: nodeIdx[n]})
		}
	}
	for _, cell := range s.Cells {
		c.Cells = append(c.Cells, sim.CellSpec{Name: cell.Name, DU: first[cell.DU], CU: first[cell.CUUP]})
		b.Cells = append(b.Cells, cell.Name)
	}
	c.HopDelay, c.RANDelay, c.Drain, c.Epsilon = s.HopDelayS, s.RANDelayS, s.DrainS, s.EpsilonS
	s.RANFloors.apply(c)
	c.ReallocPeriod = s.ReallocS
	b.Epoch = s.EpochS
	c.Changes = s.migChanges(s.changes(nodeIdx), b)
	hostIdx := map[string]int{}
	for i, n := range s.Nodes {
		hostIdx[n.Name] = i
	}
	c.Topology, err = s.simTopology(hostIdx)
	c.Topology = migTopology(c.Topology, c.HopDelay, host, b)
	return err
}

func reloadOf(cat sim.Category, cost traces.CostModel) float64 {
	switch cat {
	case sim.DU:
		return cost.DUReloadS
	case sim.CUUP:
		return cost.CUUPReloadS
	}
	return cost.ReloadS(cat)
}

// servicesOf returns the indices of the services of category cat.
func (s *Scenario) servicesOf(cat sim.Category) []int {
	var out []int
	for i, sv := range s.Services {
		if c, _ := sim.ParseCategory(sv.Category); c == cat {
			out = append(out, i)
		}
	}
	return out
}
