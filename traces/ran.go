package traces

import (
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/airansim/airansim/rng"
	"github.com/airansim/airansim/sim"
)

// RANClass is the deadline and work of one RAN-only class. A zero RANClass selects the class's
// default (DefaultRANClasses); otherwise all fields are taken as given.
type RANClass struct {
	Deadline float64  // Relative deadline τ, s (> 0).
	DU       sim.Work // Work at the cell's DU: GPU TFLOP (CPU core-s optional).
	CU       sim.Work // Work at the cell's CU-UP: CPU core-s (GPU TFLOP optional, normally 0).
}

// DefaultRANClasses returns the defaults for URLLC and eMBB.
//
// Deadlines: 1 ms (URLLC) and 4 ms (eMBB), the IMT-2020 user-plane latency targets that 3GPP TR
// 38.913 adopts, as in the paper's Table I.
//
// Work (assumptions: no sourced per-request cuPHY or PDCP cost exists; see docs/profile.md):
// URLLC DU 0.01 TFLOP (≈ 22 µs of one H100 at 445 TFLOP/s effective, of the order of the ≤ 25 µs
// per cell-slot implied by 20 cells per GH200 within a 500 µs slot, NVIDIA Aerial multicell
// capacity), CU-UP 50 µs of CPU (≈ 20 packets at 1–5 µs each); eMBB four times more on both (a
// larger transport block and 4× the deadline).
func DefaultRANClasses() (urllc, embb RANClass) {
	urllc = RANClass{Deadline: 1e-3, DU: sim.Work{GPU: 0.01}, CU: sim.Work{CPU: 50e-6}}
	embb = RANClass{Deadline: 4e-3, DU: sim.Work{GPU: 0.04}, CU: sim.Work{CPU: 200e-6}}
	return urllc, embb
}

// RANOptions configures a RANSource. The zero value works: 1 cell at 1 request/s, half URLLC.
type RANOptions struct {
	Cells         int       // Number of cells. Default 1.
	RatePerCell   float64   // Poisson arrival rate of each cell, requests/s. Default 1.
	CellRates     []float64 // Optional per-cell rates (≥ 0, len = Cells) overriding RatePerCell.
	URLLCFraction float64   // Probability that a request is URLLC. Default 0.5; a negative value means 0.
	URLLC, EMBB   RANClass  // Per-class deadline and work; zero values select DefaultRANClasses.
	Jitter        float64   // Each work component is scaled by an independent uniform factor in [1−Jitter, 1+Jitter]; in [0, 1). Default 0.
	Seed          uint64    // Run seed; the source draws from the stream (Seed, Name) of package rng. Default 0.
	Name          string    // Component name of its random stream. Default "traces/ran".
	Limit         int       // Maximum number of requests; 0 means unlimited.
	Start         float64   // Time origin, s; the first arrival is after Start. Default 0.
	Horizon       float64   // Requests arrive in (Start, Start+Horizon]; 0 means unlimited.
}

// RANSource generates synthetic RAN-only requests: each cell is an independent Poisson process,
// each request is URLLC with probability URLLCFraction, else eMBB, and carries its class's deadline
// and (optionally jittered) DU and CU-UP work. It draws the superposition: exponential gaps at the
// total rate and a cell chosen in proportion to its rate, which is the same process. IDs are 0, 1,
// 2, …. RANSource implements sim.ForkableSource. It is not safe for concurrent use.
type RANSource struct {
	cells   cellPicker
	total   float64
	urllc   float64
	classes [2]RANClass // URLLC, eMBB
	jitter  float64
	limit   int
	end     float64
	t       float64
	n       int64
	pcg     rand.PCG
	rng     *rand.Rand
}

// NewRANSource returns a RANSource. It returns an error for negative or inconsistent options.
func NewRANSource(opt RANOptions) (*RANSource, error) {
	rates, err := opt.cellRates()
	if err != nil {
		return nil, err
	}
	if !(opt.Jitter >= 0 && opt.Jitter < 1) || opt.Limit < 0 || opt.Horizon < 0 {
		return nil, fmt.Errorf("traces: ran source: need 0 ≤ Jitter < 1, Limit ≥ 0, Horizon ≥ 0")
	}
	s := &RANSource{jitter: opt.Jitter, limit: opt.Limit, t: opt.Start, end: math.Inf(1)}
	if opt.Horizon > 0 {
		s.end = opt.Start + opt.Horizon
	}
	cum := make([]float64, 0, len(rates))
	for _, r := range rates {
		s.total += r
		cum = append(cum, s.total)
	}
	if s.total > 0 {
		s.cells = newCellPicker(cum)
	}
	s.urllc = opt.URLLCFraction
	switch {
	case s.urllc == 0:
		s.urllc = 0.5
	case s.urllc < 0:
		s.urllc = 0
	case s.urllc > 1:
		return nil, fmt.Errorf("traces: ran source: URLLCFraction %v > 1", opt.URLLCFraction)
	}
	if s.classes, err = opt.classes(); err != nil {
		return nil, err
	}
	name := opt.Name
	if name == "" {
		name = "traces/ran"
	}
	s.pcg = *rng.PCG(opt.Seed, name)
	s.rng = rand.New(&s.pcg)
	return s, nil
}

func (o *RANOptions) cellRates() ([]float64, error) {
	cells := max(o.Cells, 1)
	if o.Cells < 0 {
		return nil, fmt.Errorf("traces: ran source: negative Cells")
	}
	if o.CellRates != nil {
		if len(o.CellRates) != cells {
			return nil, fmt.Errorf("traces: ran source: %d CellRates for %d cells", len(o.CellRates), cells)
		}
		for i, r := range o.CellRates {
			if !(r >= 0) || math.IsInf(r, 0) {
				return nil, fmt.Errorf("traces: ran source: CellRates[%d] is %v", i, r)
			}
		}
		return o.CellRates, nil
	}
	rate := o.RatePerCell
	if rate == 0 {
		rate = 1
	}
	if !(rate > 0) || math.IsInf(rate, 0) {
		return nil, fmt.Errorf("traces: ran source: RatePerCell is %v", o.RatePerCell)
	}
	rates := make([]float64, cells)
	for i := range rates {
		rates[i] = rate
	}
	return rates, nil
}

func (o *RANOptions) classes() ([2]RANClass, error) {
	u, e := DefaultRANClasses()
	c := [2]RANClass{u, e}
	for i, given := range [2]RANClass{o.URLLC, o.EMBB} {
		if given == (RANClass{}) {
			continue
		}
		w := [...]float64{given.DU.GPU, given.DU.CPU, given.CU.GPU, given.CU.CPU}
		for _, v := range w {
			if !(v >= 0) || math.IsInf(v, 0) {
				return c, fmt.Errorf("traces: ran source: %v work %v", sim.Class(i), v)
			}
		}
		if !(given.Deadline > 0) {
			return c, fmt.Errorf("traces: ran source: %v deadline %v", sim.Class(i), given.Deadline)
		}
		c[i] = given
	}
	return c, nil
}

// TotalRate returns the arrival rate summed over cells, requests/s.
func (s *RANSource) TotalRate() float64 { return s.total }

// MeanDUGPUWork returns the mean DU GPU work per request, TFLOP (jitter has mean 1).
func (s *RANSource) MeanDUGPUWork() float64 {
	return s.urllc*s.classes[0].DU.GPU + (1-s.urllc)*s.classes[1].DU.GPU
}

// Next returns the next request; ok is false after Limit requests, past the horizon, or if the
// total rate is 0. err is always nil.
func (s *RANSource) Next() (sim.Request, bool, error) {
	var r sim.Request
	if ok, _ := s.NextInto(&r); !ok {
		return sim.Request{}, false, nil
	}
	return r, true, nil
}

// NextInto implements sim.SourceFiller: Next writing the request into *r; it never fails.
func (s *RANSource) NextInto(r *sim.Request) (bool, error) {
	if s.total == 0 || (s.limit > 0 && s.n >= int64(s.limit)) {
		return false, nil
	}
	t := s.t + s.rng.ExpFloat64()/s.total
	if t > s.end {
		return false, nil
	}
	s.t = t
	*r = sim.Request{ID: s.n, Arrival: t, Service: -1, Class: sim.EMBB}
	r.Cell = s.cells.pick(s.rng.Float64() * s.total)
	if s.rng.Float64() < s.urllc {
		r.Class = sim.URLLC
	}
	c := &s.classes[r.Class]
	r.Deadline = c.Deadline
	r.DU = sim.Work{GPU: s.jit(c.DU.GPU), CPU: s.jit(c.DU.CPU)}
	r.CU = sim.Work{GPU: s.jit(c.CU.GPU), CPU: s.jit(c.CU.CPU)}
	s.n++
	return true, nil
}

// jit scales w by a uniform factor in [1−Jitter, 1+Jitter]; it draws nothing when Jitter is 0.
func (s *RANSource) jit(w float64) float64 {
	if s.jitter == 0 {
		return w
	}
	return w * (1 + s.jitter*(2*s.rng.Float64()-1))
}

// Fork returns a copy that yields the same remaining requests without disturbing s. err is nil.
func (s *RANSource) Fork() (sim.Source, error) {
	c := *s
	c.rng = rand.New(&c.pcg)
	return &c, nil
}
