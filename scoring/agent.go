package scoring

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/airansim/airansim/telemetry"
)

// Source answers the local range windows the agents pass to their scorers: for one metric name and
// label matchers (the agent passes {"cluster": its cluster}), the series sampled every step s over
// [start, end] s, like Prometheus's query_range. The node telemetry implements it.
type Source interface {
	Query(metric string, match map[string]string, start, end, step float64) (telemetry.Matrix, error)
}

// AgentOptions tunes the agents. The zero value works.
type AgentOptions struct {
	// Start is the simulated time the agents start at, s; the first call of a scorer is at
	// Start + its interval, as the addon's ticker first fires one interval after start. Default 0.
	Start float64
	// Clock reads wall-clock time for the call latency counters only. Default time.Now.
	Clock func() time.Time
}

// Stats are the counters of one scorer on one cluster. Latency is wall-clock; every other field
// depends on simulated time only.
type Stats struct {
	Cluster    string        // Agent's cluster.
	Scorer     string        // Spec.Name.
	ScoreName  string        // Spec.ScoreName.
	Calls      int           // Scorer calls made (one per interval).
	Failed     int           // Calls that stored nothing because of an error.
	Stored     int           // Scores put in the store.
	Errors     [NumKinds]int // By ErrorKind: failed calls, except KindOutOfRange, which counts results.
	Latency    time.Duration // Total wall-clock time spent in Score calls.
	MaxLatency time.Duration // Longest single call.
}

// NumKinds is the number of error kinds, the length of Stats.Errors.
const NumKinds = int(numKinds)

// Hub runs one scoring agent per cluster and owns the central store. Calls happen at simulated
// times Start + k·interval per scorer and cluster, whatever times Advance is given, so a run's
// stored scores depend on simulated time only.
type Hub struct {
	src    Source
	rec    *telemetry.Recorder // src when it is a recorder: built-in scorers read it without matrices
	store  Store
	agents []*agent
	clock  func() time.Time
}

// agent is one cluster's scoring agent.
type agent struct {
	cluster string
	match   map[string]string
	runs    []*run

	// The built-in scorers' windows read from the recorder (agent.window), reused between calls.
	groups  [][]int            // the cluster's node indices grouped by name, names increasing; nil: not yet
	names   []string           // each group's node name
	scratch []telemetry.Sample // scorers' scratch
	res     []result           // scorers' results
}

// recWindow is a run's window read from the recorder, reused between calls: its layout (series and
// windows, which hold pointers) is rebuilt only when the samples per series or their array change.
type recWindow struct {
	buf     []telemetry.Sample // every sample of the window
	lens    []int              // samples per series
	series  []nodeSeries       // backing array of windows' series
	windows []nodeWindow       // the window by node
}

// run is one scorer on one cluster.
type run struct {
	spec  Spec
	start float64 // Agents' start, s.
	k     int     // Calls made or skipped so far; the next is at start + (k+1)·interval.
	next  float64 // Simulated time of the next call, s.
	stats Stats
	items []item // Reused buffer of one call's scores.
	win   recWindow
}

// NewHub returns a hub whose agents run the assignments' specs, reading windows from src. Every
// spec must have a Scorer (NewSpec) and a Prometheus spec needs a non-nil src.
func NewHub(src Source, assignments []Assignment, opts AgentOptions) (*Hub, error) {
	h := &Hub{src: src, clock: opts.Clock}
	if rec, ok := src.(*telemetry.Recorder); ok && rec != nil {
		h.rec = rec
	}
	if h.clock == nil {
		h.clock = time.Now
	}
	if math.IsNaN(opts.Start) || math.IsInf(opts.Start, 0) {
		return nil, fmt.Errorf("scoring: agent start %g s: must be finite", opts.Start)
	}
	for _, a := range assignments {
		ag := &agent{cluster: a.Cluster, match: map[string]string{"cluster": a.Cluster}}
		for _, s := range a.Specs {
			if s.Scorer == nil {
				return nil, fmt.Errorf("scoring: cluster %q: scorer %q has no Scorer (build specs with NewSpec)", a.Cluster, s.Name)
			}
			if s.dim == nil {
				return nil, fmt.Errorf("scoring: cluster %q: scorer %q: spec not resolved (build specs with NewSpec)", a.Cluster, s.Name)
			}
			if s.SourceType == SourcePrometheus && src == nil {
				return nil, fmt.Errorf("scoring: cluster %q: scorer %q needs a telemetry source", a.Cluster, s.Name)
			}
			ag.runs = append(ag.runs, &run{spec: s, start: opts.Start, next: opts.Start + s.Interval,
				stats: Stats{Cluster: a.Cluster, Scorer: s.Name, ScoreName: s.ScoreName}})
		}
		h.agents = append(h.agents, ag)
	}
	return h, nil
}

// Store returns the hub's central store.
func (h *Hub) Store() *Store { return &h.store }

// NextDue returns the simulated time of the next call of any agent, s (+Inf without scorers).
func (h *Hub) NextDue() float64 {
	t := math.Inf(1)
	for _, a := range h.agents {
		for _, r := range a.runs {
			t = math.Min(t, r.next)
		}
	}
	return t
}

// Advance makes every call due at a simulated time ≤ now (s), each at its own due time, agents in
// assignment order and each agent's calls in time order (ties in spec order). Scorer failures are
// counted, never returned; the only error is ctx's, which stops Advance between calls.
func (h *Hub) Advance(ctx context.Context, now float64) error {
	for _, a := range h.agents {
		for {
			r := a.due(now)
			if r == nil {
				break
			}
			if err := ctx.Err(); err != nil {
				return err
			}
			if err := h.call(ctx, a, r); err != nil {
				return err
			}
			r.k++
			r.next = r.start + float64(r.k+1)*r.spec.Interval // Not a running sum: no drift.
		}
	}
	return nil
}

// due returns the run with the earliest call at or before now (first in spec order on ties), or nil.
func (a *agent) due(now float64) *run {
	var best *run
	for _, r := range a.runs {
		if r.next <= now && (best == nil || r.next < best.next) {
			best = r
		}
	}
	return best
}

// call makes one call of r at its due time: window, score, clamp, store. It returns only ctx's error.
func (h *Hub) call(ctx context.Context, a *agent, r *run) error {
	t := r.next
	r.stats.Calls++
	if ws, ok := r.spec.Scorer.(windowScorer); ok && h.rec != nil && r.spec.SourceType == SourcePrometheus {
		if a.groups == nil {
			a.group(h.rec)
		}
		if len(a.groups) > 0 { // A cluster without nodes takes the general path, for Query's errors.
			win, err := a.window(h.rec, r, t)
			if err != nil {
				r.fail(KindSource)
				return nil
			}
			t0 := h.clock()
			a.res = ws.scoreWindow(win, a.res[:0], &a.scratch)
			lat := h.clock().Sub(t0)
			r.stats.Latency += lat
			r.stats.MaxLatency = max(r.stats.MaxLatency, lat)
			r.items = r.items[:0]
			for _, x := range a.res {
				if v, ok := r.clamp(x.score); ok {
					if d := r.spec.dim.renderResult(a.cluster, r.spec.ScoreName, x); d != "" {
						r.items = append(r.items, item{dim: d, value: v})
					}
				}
			}
			h.store.replace(a.cluster, r.spec.ScoreName, t, t+r.spec.Validity, r.dedup())
			r.stats.Stored += len(r.items)
			return nil
		}
	}
	var data telemetry.Matrix
	if r.spec.SourceType == SourcePrometheus {
		for _, q := range r.spec.Queries {
			m, err := h.src.Query(q, a.match, t-r.spec.Range, t, r.spec.Step)
			if err != nil {
				r.fail(KindSource)
				return nil
			}
			data = append(data, m...)
		}
	}
	t0 := h.clock()
	res, err := r.spec.Scorer.Score(ctx, data)
	lat := h.clock().Sub(t0)
	r.stats.Latency += lat
	r.stats.MaxLatency = max(r.stats.MaxLatency, lat)
	if err != nil {
		if ctx.Err() != nil { // The run is stopping: the call is not the scorer's failure.
			r.stats.Calls--
			return ctx.Err()
		}
		r.fail(kindOf(err))
		return nil
	}
	r.items = r.items[:0]
	for _, x := range res {
		v, ok := r.clamp(x.Score)
		if !ok {
			continue
		}
		d := r.spec.dim.render(a.cluster, r.spec.ScoreName, x.Metric)
		if d == "" { // As the addon's agent: a result whose dimension renders empty is skipped.
			continue
		}
		r.items = append(r.items, item{dim: d, value: v})
	}
	h.store.replace(a.cluster, r.spec.ScoreName, t, t+r.spec.Validity, r.dedup())
	r.stats.Stored += len(r.items)
	return nil
}

// clamp returns a result's score clamped to [−100, 100], counting it out of range when it had to
// be, and false for a NaN or infinite score (counted, and dropped).
func (r *run) clamp(v float64) (float64, bool) {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		r.stats.Errors[KindOutOfRange]++
		return 0, false
	}
	if v < -100 || v > 100 {
		r.stats.Errors[KindOutOfRange]++
		v = min(max(v, -100), 100)
	}
	return v, true
}

// dedup sorts r.items by dimension keeping the later of equal dimensions, and returns them.
func (r *run) dedup() []item {
	// Equal dimensions: the later result wins (stable sort, then keep the last of each run).
	slices.SortStableFunc(r.items, func(x, y item) int { return strings.Compare(x.dim, y.dim) })
	out := r.items[:0]
	for i, it := range r.items {
		if i+1 < len(r.items) && r.items[i+1].dim == it.dim {
			continue
		}
		out = append(out, it)
	}
	r.items = out
	return out
}

// group sets a.groups and a.names from the recorder: the cluster's nodes (NodesOf) grouped by name
// in increasing name order, each group in node order, as byNode groups Query's series.
func (a *agent) group(rec *telemetry.Recorder) {
	names := rec.Nodes()
	idx := rec.NodesOf(a.cluster)
	slices.SortStableFunc(idx, func(x, y int) int { return strings.Compare(names[x], names[y]) })
	a.groups = [][]int{}
	for i := 0; i < len(idx); {
		j := i + 1
		for j < len(idx) && names[idx[j]] == names[idx[i]] {
			j++
		}
		a.groups = append(a.groups, idx[i:j:j])
		a.names = append(a.names, names[idx[i]])
		i = j
	}
}

// window returns r's window at t read from rec: what byNode gives for the matrix of r's queries
// (Query per metric, concatenated), except that a node whose series have no samples keeps an empty
// window (the built-in scorers give such a node no score, as when it is absent).
func (a *agent) window(rec *telemetry.Recorder, r *run, t float64) ([]nodeWindow, error) {
	w, qs := &r.win, r.spec.Queries
	nser := 0
	for _, g := range a.groups {
		nser += len(g) * len(qs)
	}
	same := len(w.lens) == nser && w.windows != nil
	w.lens = slices.Grow(w.lens[:0], nser)[:nser]
	buf := w.buf[:0]
	i := 0
	var err error
	for _, g := range a.groups { // Series of a node: by query, then by node within the group (matrix order).
		for _, q := range qs {
			for _, n := range g {
				from := len(buf)
				if buf, err = rec.QueryNode(buf, q, n, t-r.spec.Range, t, r.spec.Step); err != nil {
					return nil, err
				}
				if k := len(buf) - from; w.lens[i] != k {
					w.lens[i], same = k, false
				}
				i++
			}
		}
	}
	moved := len(buf) > 0 && (len(w.buf) == 0 || &buf[0] != &w.buf[0])
	w.buf = buf
	if same && !moved {
		return w.windows, nil // Same layout, same array: the series already hold the new samples.
	}
	w.series = slices.Grow(w.series[:0], nser)[:nser]
	off := 0
	i = 0
	for _, g := range a.groups {
		for _, q := range qs {
			for range g {
				k := w.lens[i]
				w.series[i] = nodeSeries{metric: q, values: buf[off : off+k : off+k]}
				off += k
				i++
			}
		}
	}
	w.windows = w.windows[:0]
	off = 0
	for j, g := range a.groups {
		k := len(g) * len(qs)
		w.windows = append(w.windows, nodeWindow{node: a.names[j], series: w.series[off : off+k : off+k]})
		off += k
	}
	return w.windows, nil
}

func (r *run) fail(k ErrorKind) {
	r.stats.Failed++
	r.stats.Errors[k]++
}

// Stats returns the counters of every scorer on every cluster, in assignment and spec order.
func (h *Hub) Stats() []Stats {
	var out []Stats
	for _, a := range h.agents {
		for _, r := range a.runs {
			out = append(out, r.stats)
		}
	}
	return out
}
