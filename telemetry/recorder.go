package telemetry

import (
	"errors"
	"fmt"
	"math"
	"slices"

	"github.com/airansim/airansim/power"
	"github.com/airansim/airansim/sim"
)

// ErrOptions is wrapped by every error of New about its options.
var ErrOptions = errors.New("telemetry: invalid options")

// Options configure a Recorder. The zero value selects every default.
type Options struct {
	// Step is the sampling step, s (> 0, finite); 0: 1. Samples are taken at k·Step (sim.Sampler).
	Step float64 `json:"step_s,omitempty"`
	// Retention is how much history every series keeps, s (≥ Step); 0: 3600. The recorder keeps the
	// last ⌈Retention/Step⌉ + 1 samples in a ring, so memory is bounded by that many rows of
	// 8 metrics × nodes × 8 bytes; older samples are overwritten and no query finds them.
	Retention float64 `json:"retention_s,omitempty"`
	// Lookback is how far before an evaluation time a query looks for the latest sample, s (> 0);
	// 0: 300, Prometheus's default lookback delta (see Recorder.Query).
	Lookback float64 `json:"lookback_s,omitempty"`
	// Power is the power model of every node, by node index; nil: power.Default.For each node's
	// capacities at the start.
	Power []power.Model `json:"power,omitempty"`
}

func (o *Options) defaults() {
	if o.Step == 0 {
		o.Step = 1
	}
	if o.Retention == 0 {
		o.Retention = max(3600, o.Step)
	}
	if o.Lookback == 0 {
		o.Lookback = 300
	}
}

// Recorder keeps every node's metric series of one run, sampled at a fixed step, and answers range
// queries (Query). It is the run's sim.Sampler and one of its sim.Sinks (Install wires both). It is
// not safe for concurrent use: query it from the goroutine that runs the simulation (a controller's
// Decide) or after the run.
type Recorder struct {
	o       Options
	nodes   []string // node names by node index
	cluster []string // cluster name by node index

	prevT   float64    // time of the previous sample, s
	prev    []integral // per node: integrals at the previous sample
	pending []counts   // per node: record counts since the previous sample

	times []float64 // ring of sample times
	vals  []float64 // ring of rows: numMetrics values per node, row k at vals[k·stride:]
	head  int       // logical row 0 once the ring is full
	rows  int       // rows stored
	cap   int       // rows the ring holds

	// Query's reused scratch: evaluation times with a sample, their logical rows, selected nodes.
	gridT   []float64
	gridRow []int
	gridAt  gridKey // the window gridT and gridRow hold; gen 0: none
	gen     uint64  // rows appended so far, from 1: changes whenever the ring does
	sel     []int
}

type integral struct{ gpuWork, gpuOffered, cpuWork, cpuOffered, energy float64 }

type counts struct{ finished, met, missed float64 }

// New returns a recorder for a run of cfg (its nodes and clusters; call Install to attach it). It
// fails if the options are invalid or o.Power does not give one valid model per node.
func New(cfg *sim.Config, o Options) (*Recorder, error) {
	o.defaults()
	finite := func(v float64) bool { return v > 0 && v <= math.MaxFloat64 }
	switch {
	case !finite(o.Step):
		return nil, fmt.Errorf("%w: Step = %g s: must be finite and > 0", ErrOptions, o.Step)
	case !finite(o.Retention) || o.Retention < o.Step:
		return nil, fmt.Errorf("%w: Retention = %g s: must be finite and ≥ Step (%g s)", ErrOptions, o.Retention, o.Step)
	case !finite(o.Lookback):
		return nil, fmt.Errorf("%w: Lookback = %g s: must be finite and > 0", ErrOptions, o.Lookback)
	}
	if o.Power == nil {
		o.Power = power.Default.ForNodes(cfg.Nodes)
	}
	if len(o.Power) != len(cfg.Nodes) {
		return nil, fmt.Errorf("%w: %d power models for %d nodes", ErrOptions, len(o.Power), len(cfg.Nodes))
	}
	for n, m := range o.Power {
		if err := m.Validate(); err != nil {
			return nil, fmt.Errorf("telemetry: node %d (%s): %w", n, cfg.Nodes[n].Name, err)
		}
	}
	o.Power = append([]power.Model(nil), o.Power...)
	k := len(cfg.Nodes)
	r := &Recorder{o: o, nodes: make([]string, k), cluster: clusterNames(cfg),
		prev: make([]integral, k), pending: make([]counts, k), cap: int(math.Ceil(o.Retention/o.Step)) + 1}
	for n, spec := range cfg.Nodes {
		r.nodes[n] = spec.Name
	}
	return r, nil
}

// clusterNames returns the name of every node's cluster: cfg.Clusters', or sim.DefaultCluster.
func clusterNames(cfg *sim.Config) []string {
	out := make([]string, len(cfg.Nodes))
	for n := range out {
		out[n] = sim.DefaultCluster
	}
	for _, cl := range cfg.Clusters {
		for _, n := range cl.Nodes {
			if n >= 0 && n < len(out) {
				out[n] = cl.Name
			}
		}
	}
	return out
}

// Install makes r the Sampler of cfg, at r's step, and adds it after cfg.Sink (set the run's sink
// first).
func (r *Recorder) Install(cfg *sim.Config) {
	cfg.Sampler, cfg.SampleStep = r, r.o.Step
	if cfg.Sink == nil {
		cfg.Sink = r
		return
	}
	cfg.Sink = pair{cfg.Sink, r}
}

// pair forwards every record to two sinks, in order.
type pair [2]sim.Sink

func (p pair) Record(rec sim.Record) {
	p[0].Record(rec)
	p[1].Record(rec)
}

// Step returns the sampling step, s.
func (r *Recorder) Step() float64 { return r.o.Step }

// Nodes returns the node names by node index.
func (r *Recorder) Nodes() []string { return append([]string(nil), r.nodes...) }

// Record counts a request's outcome on its node for the next sample (sim.Sink). Records of requests
// no instance started serving (Node −1) are in no node's series.
func (r *Recorder) Record(rec sim.Record) {
	if rec.Node < 0 || rec.Node >= len(r.pending) {
		return
	}
	c := &r.pending[rec.Node]
	if rec.Finished {
		c.finished++
	}
	if rec.Met() {
		c.met++
	} else {
		c.missed++
	}
}

// Sample appends one row at time t (sim.Sampler).
func (r *Recorder) Sample(s *sim.Sim, t float64) {
	dt := t - r.prevT
	if !(dt > 0) {
		return
	}
	row := r.appendRow(t)
	for n := range r.nodes {
		u := s.Usage(n, t)
		e := r.o.Power[n].Energy(u, t)
		p, c := &r.prev[n], &r.pending[n]
		v := row[n*numMetrics : (n+1)*numMetrics]
		v[0] = utilisation(u.GPUWork-p.gpuWork, u.GPUOffered-p.gpuOffered)
		v[1] = utilisation(u.CPUWork-p.cpuWork, u.CPUOffered-p.cpuOffered)
		v[2] = u.VRAMUsedGB
		v[3] = c.finished / dt
		v[4] = c.met
		v[5] = c.missed
		v[6] = (e - p.energy) / dt
		v[7] = e
		*p = integral{gpuWork: u.GPUWork, gpuOffered: u.GPUOffered, cpuWork: u.CPUWork, cpuOffered: u.CPUOffered, energy: e}
		*c = counts{}
	}
	r.prevT = t
}

// utilisation returns the work served over the capacity offered in a step, capped to 1; 0 when none
// was offered.
func utilisation(work, offered float64) float64 {
	if offered <= 0 {
		return 0
	}
	return min(max(work/offered, 0), 1)
}

// appendRow stores time t as the newest row (overwriting the oldest when the ring is full) and
// returns the row's values to fill.
func (r *Recorder) appendRow(t float64) []float64 {
	r.gen++
	stride := len(r.nodes) * numMetrics
	if r.rows < r.cap {
		r.times = append(r.times, t)
		n := len(r.vals)
		r.vals = slices.Grow(r.vals, stride)[:n+stride]
		clear(r.vals[n:])
		r.rows++
		return r.vals[n:]
	}
	k := r.head
	r.head = (r.head + 1) % r.cap
	r.times[k] = t
	return r.vals[k*stride : (k+1)*stride]
}

// row returns the physical index of logical row i (0: oldest kept).
func (r *Recorder) row(i int) int { return (r.head + i) % r.cap }
