package orchestranctl

import (
	"math"

	"github.com/airansim/airansim/orchestran"
	"github.com/airansim/airansim/sim"
	"github.com/airansim/airansim/traces/xapp"
)

// Timescales of a loop by its deadline δ (the paper's Table II): TTI-level (≤ 10 ms), sub-second
// (≤ 1 s), long (> 1 s); the classes dApp, xApp and rApp of xapp.ClassOf.
const (
	TTI = iota
	SubSecond
	Long
	NumTimescales
)

// TimescaleOf returns the timescale of a deadline in seconds.
func TimescaleOf(deadlineS float64) int {
	switch xapp.ClassOf(deadlineS) {
	case xapp.DApp:
		return TTI
	case xapp.XApp:
		return SubSecond
	}
	return Long
}

// Counts are requests and how many missed their deadline.
type Counts struct {
	Requests, Missed int
}

// Rate is Missed/Requests (0 with no request).
func (c Counts) Rate() float64 {
	if c.Requests == 0 {
		return 0
	}
	return float64(c.Missed) / float64(c.Requests)
}

// Meter is a sim.Sink that counts the loops' requests and misses (a request unfinished at the
// horizon is a miss), in total, per timescale and per loop.
type Meter struct {
	loops   []Loop
	All     Counts
	ByScale [NumTimescales]Counts
	perLoop []Counts
}

// NewMeter returns a meter for the schedule's loops.
func (s *Schedule) NewMeter() *Meter {
	l := s.Loops()
	return &Meter{loops: l, perLoop: make([]Counts, len(l))}
}

// Record counts r if it belongs to a loop.
func (m *Meter) Record(r sim.Record) {
	if r.Flow < 1 || r.Flow > len(m.loops) {
		return
	}
	miss := 0
	if !r.Met() {
		miss = 1
	}
	sc := TimescaleOf(m.loops[r.Flow-1].DeadlineS)
	for _, c := range []*Counts{&m.All, &m.ByScale[sc], &m.perLoop[r.Flow-1]} {
		c.Requests++
		c.Missed += miss
	}
}

// LoopsMissing returns the loops that issued requests and the number of them with at least one
// miss: placements the static model calls feasible that miss deadlines under queueing.
func (m *Meter) LoopsMissing() (loops, missing int) {
	for _, c := range m.perLoop {
		if c.Requests > 0 {
			loops++
			if c.Missed > 0 {
				missing++
			}
		}
	}
	return loops, missing
}

// E2Bytes is the RAN-to-RIC traffic proxy of the schedule's loops over the run, bytes: each
// iteration sends one report per source to the host and one control message from the host to the
// requested node, and a message counts when it crosses between a RAN node (CU, DU, RU) and a RIC
// (near-RT or non-RT). A message is ReportBytes/PayloadShare bytes (the prototype's E2 traffic is
// 40 % payload, 60 % overhead: PayloadShare 0.4), a control message as large as a metrics report.
// RICOnly is the same loops with every model run at the requested node's near-RT RIC (the node
// itself when it is a RIC): the prototype's "RIC only" configuration.
func (s *Schedule) E2Bytes() (placed, ricOnly float64) {
	const payloadShare = 0.4
	t := s.Tree
	ric := func(d int) int {
		for t.Nodes[d].Tier > orchestran.NearRTRIC {
			d = t.Nodes[d].Parent
		}
		return d
	}
	cross := func(a, b int) bool {
		return (t.Nodes[a].Tier <= orchestran.NearRTRIC) != (t.Nodes[b].Tier <= orchestran.NearRTRIC)
	}
	for _, l := range s.Loops() {
		ep := s.Epochs[l.Epoch]
		it := ep.Problem.Intents[l.Intent].Items[l.Item]
		iters := math.Max(0, math.Ceil((l.End-l.Start)/l.DeadlineS))
		report := s.Catalog.Models[l.Model].InputBytes / payloadShare
		control := 100 / payloadShare
		bytes := func(h int) float64 {
			var b float64
			for _, src := range it.Sources {
				if cross(src, h) {
					b += report
				}
			}
			if cross(h, it.Node) {
				b += control
			}
			return b * iters
		}
		placed += bytes(l.Host)
		ricOnly += bytes(ric(it.Node))
	}
	return placed, ricOnly
}
