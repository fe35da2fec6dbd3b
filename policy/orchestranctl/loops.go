package orchestranctl

import (
	"math"

	"github.com/airansim/airansim/orchestran"
	"github.com/airansim/airansim/rng"
	"github.com/airansim/airansim/traces/xapp"
)

// Loop is one control loop: an accepted tuple (i, f, d) of an epoch, served by one model on one
// host, issuing one request every DeadlineS seconds (its control period: a loop must finish one
// iteration before the next) from its epoch's start (after a random phase) to the next epoch, and
// in the last epoch up to δ before the horizon, so that every request's deadline falls in the run.
// On the engine it is one flow of the traces/xapp control-loop workload (Schedule.Flows).
type Loop struct {
	Flow      int     // the requests' sim.Request.Flow, 1 + the loop's index in Schedule.Loops
	Epoch     int     // index into Schedule.Epochs
	Intent    int     // i, in the epoch's problem
	Item      int     // the tuple's index in the intent
	Model     int     // m
	Host      int     // d', the tree node running the model
	Source    int     // the tuple's source farthest from the host (its data arrive last): the request's cell
	DeadlineS float64 // δ, s
	StaticS   float64 // OrchestRAN's latency of eqs. (3)–(4), s (≤ δ)
	Phase     float64 // first request after the epoch's start, s, in [0, δ)
	Start     float64 // first request (the epoch's start + Phase), s
	End       float64 // no request at or after End, s
	WorkCPU   float64 // core-s per iteration: T^exec × ρ_m
}

// Loops returns the control loops of every epoch, by epoch, then intent and item; the phase of each
// is drawn uniformly in [0, δ) from the schedule's seed.
func (s *Schedule) Loops() []Loop {
	var out []Loop
	r := rng.New(s.Seed, "orchestranctl/phase")
	for e, ep := range s.Epochs {
		end := math.Min(s.Horizon, ep.At+s.Period)
		for _, x := range ep.Solution.Placements {
			it := ep.Problem.Intents[x.Intent].Items[x.Item]
			mod := s.Catalog.Models[x.Model]
			lat, _ := ep.Problem.Latency(it, x.Model, x.Host)
			l := Loop{Flow: len(out) + 1, Epoch: e, Intent: x.Intent, Item: x.Item, Model: x.Model, Host: x.Host,
				DeadlineS: it.DeltaMs / 1000, StaticS: lat / 1000, WorkCPU: mod.ExecMs / 1000 * mod.Cores}
			l.End = math.Min(end, s.Horizon-l.DeadlineS) // every deadline falls within the run
			l.Source = farthest(s.Tree, x.Host, it.Sources)
			l.Phase = r.Float64() * l.DeadlineS
			l.Start = ep.At + l.Phase
			out = append(out, l)
		}
	}
	return out
}

// farthest returns the source with the largest path delay to h (the lowest index on ties).
func farthest(t *orchestran.Tree, h int, srcs []int) int {
	best, bestD := srcs[0], -1.0
	for _, s := range srcs {
		if _, d, _ := t.Path(h, s); d > bestD {
			best, bestD = s, d
		}
	}
	return best
}

// Flows returns the loops as traces/xapp control-loop flows, in the same order (loop k is flow k+1):
// the model's service, the farthest source's cell, the class of δ (xapp.ClassOf: dApp for the TTI
// loops, xApp for the sub-second ones, rApp for the long ones), deadline and period δ, work
// T^exec × ρ_m, deployed at the epoch's start with the loop's phase, ending at End, pinned to the host
// (the Controller routes there).
func (s *Schedule) Flows(loops []Loop) []xapp.Flow {
	out := make([]xapp.Flow, len(loops))
	for k, l := range loops {
		out[k] = xapp.Flow{Service: firstModelService + l.Model, Cell: l.Source, Class: xapp.ClassOf(l.DeadlineS),
			Deadline: l.DeadlineS, Work: l.WorkCPU, Period: l.DeadlineS, Start: s.Epochs[l.Epoch].At, End: l.End, Phase: l.Phase,
			Type: s.Catalog.Models[l.Model].Name, Pinned: true, Node: l.Host}
	}
	return out
}

// LoopStream names the random stream of the loops' Poisson gaps (under the schedule's seed).
const LoopStream = "orchestranctl/loops"

// Source returns the loops' requests as a traces/xapp source: periodic (every δ after the loop's
// phase), or with poisson exponential gaps of mean δ after the same first request, drawn from the
// stream (Seed, LoopStream).
func (s *Schedule) Source(loops []Loop, poisson bool) (*xapp.Source, error) {
	return xapp.NewFlows(xapp.FlowsOptions{Flows: s.Flows(loops), Poisson: poisson, Seed: s.Seed, Name: LoopStream})
}
