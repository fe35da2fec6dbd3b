package main

import (
	"context"
	"math"
	"slices"

	"github.com/airansim/airansim/policy/hautoscale"
	"github.com/airansim/airansim/sim"
	"github.com/airansim/airansim/traces/xapp"
)

// result is the outcome of one run, stored as runs/<key>.json.
type result struct {
	Spec           runSpec   `json:"spec"`
	Deployed       int       `json:"deployed"`          // xApps deployed before the horizon
	Admitted       int       `json:"admitted"`          // xApps deployed before the first SLA violation (see admitted)
	FirstViolation float64   `json:"first_violation_s"` // start of the first violating window, s; −1: none
	SLA            []float64 `json:"sla"`               // per tenant: fraction of its requests within deadline
	Requests       int       `json:"requests"`
	LatMean        float64   `json:"latency_mean_ms"`
	LatP95         float64   `json:"latency_p95_ms"`
	LatP99         float64   `json:"latency_p99_ms"`
	CPUUtil        float64   `json:"cpu_util"`  // CPU work served / (cores × s) of the active replicas
	ReplicaSeconds float64   `json:"replica_s"` // ∫ replicas (starting, active, draining) dt
	PeakReplicas   int       `json:"peak_replicas"`
	ScaleUps       int       `json:"scale_ups"`
	ScaleDowns     int       `json:"scale_downs"`
	Flaps          int       `json:"flaps"`            // reversals: a scale-down after a scale-up or the converse
	Collapse       float64   `json:"collapse_s"`       // time the RIC backlog passed Spec.Collapse, s; −1: never
	Refused        int       `json:"refused"`          // xApps refused at admission (deployed before the horizon)
	Crashes        int       `json:"crashes"`          // replica crashes (overload-crash model)
	Crashed        int64     `json:"crashed_requests"` // requests ended by the crashes
	Series         []point   `json:"series"`
}

// point is one bin of the time series.
type point struct {
	T        float64 `json:"t_s"`      // bin start, s
	Replicas float64 `json:"replicas"` // mean over the bin
	CPU      float64 `json:"cpu"`      // CPU work served in the bin / active capacity in the bin
}

// rec is what the experiment keeps of one record.
type rec struct {
	arrival, finish float64
	flow            int
	met, finished   bool
}

type sink struct{ recs []rec }

func (s *sink) Record(r sim.Record) {
	if r.Class == sim.AI && r.Flow > 0 {
		s.recs = append(s.recs, rec{r.Arrival, r.Finish, r.Flow, r.Met(), r.Finished})
	}
}

type tee []sim.Sink

func (t tee) Record(r sim.Record) {
	for _, s := range t {
		s.Record(r)
	}
}

// sampler records every second the RIC service's replicas (not retired) and the cores of the
// active ones. It returns no action.
// When the backlog of the RIC replicas exceeds limit core-s it records the time as collapse and
// calls stop: the run ends there (the paper's overloaded RIC crashes; an overloaded processor-sharing
// queue only grows, and slows the engine down with it).
type sampler struct {
	replicas, cores []float64
	limit, collapse float64
	stop            func()
}

func (*sampler) Name() string { return "sampler" }

func (s *sampler) Decide(_ context.Context, sn *sim.Snapshot, _ sim.Env) (sim.Plan, error) {
	n, c, b := 0.0, 0.0, 0.0
	for _, in := range sn.Instances {
		if in.Service != ricService || in.State == sim.StateRetired {
			continue
		}
		n++
		b += in.BacklogCPU
		if in.State == sim.StateActive {
			c += sn.Nodes[in.Node].Spec.CPU
		}
	}
	s.replicas, s.cores = append(s.replicas, n), append(s.cores, c)
	if b > s.limit && s.collapse < 0 {
		s.collapse = sn.Time
		s.stop()
	}
	return nil, nil
}

// execute runs r and measures it.
func execute(ctx context.Context, r runSpec) (result, error) {
	src, err := r.source()
	if err != nil {
		return result{}, err
	}
	insts := src.Instances()
	m, err := newMethod(r.Method, r, ricService, r.ricNodes(), insts)
	if err != nil {
		return result{}, err
	}
	if co, on := r.crash(ricService); on {
		co.OnCrash = m.disconnect
		cm, err := hautoscale.NewCrashModel(co)
		if err != nil {
			return result{}, err
		}
		m.controllers = append([]sim.ControllerSpec{cm.Spec()}, m.controllers...)
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	k, smp := &sink{}, &sampler{limit: r.Collapse, collapse: -1, stop: cancel}
	var out sim.Sink = k
	if m.sink != nil {
		out = tee{k, m.sink}
	}
	m.controllers = append(m.controllers, sim.ControllerSpec{Controller: smp, Period: 1})
	s, err := sim.New(r.config(src, m, out))
	if err != nil {
		return result{}, err
	}
	if _, err := s.Run(ctx); err != nil && smp.collapse < 0 {
		return result{}, err
	}
	s.End() // after a collapse, the requests still queued end as misses, recorded once
	m2 := r
	if smp.collapse >= 0 {
		m2.Horizon = smp.collapse // measured up to the collapse
	}
	res := measure(m2, insts, k.recs, smp, m.refused)
	res.Spec, res.Collapse = r, smp.collapse
	res.Crashes, res.Crashed = s.Stats().Crashes, s.Stats().Crashed
	return res, nil
}

// measure computes a run's result from its records and samples. The xApps refused at admission
// (refused, nil: none) are neither deployed nor admitted, and their requests are not counted.
func measure(r runSpec, insts []xapp.Instance, recs []rec, smp *sampler, refused func(flow int) bool) result {
	res := result{Spec: r, FirstViolation: -1}
	if refused == nil {
		refused = func(int) bool { return false }
	}
	tenantOf := make([]int, len(insts))
	accepted := make([]int, len(insts)+1) // accepted[k]: accepted xApps among the first k deployed
	nDeployed := 0
	for i, in := range insts {
		tenantOf[i] = slices.IndexFunc(tenants, func(t tenant) bool { return t.name == in.Tenant })
		accepted[i+1] = accepted[i]
		if in.Deployed < r.Horizon {
			nDeployed++
			if refused(in.Flow) {
				res.Refused++
			} else {
				res.Deployed++
				accepted[i+1]++
			}
		}
	}
	kept := recs[:0:0]
	for _, q := range recs {
		if !refused(q.flow) {
			kept = append(kept, q)
		}
	}
	recs = kept
	res.Requests = len(recs)
	res.Admitted = res.Deployed
	res.SLA = make([]float64, len(tenants))
	nT := make([]float64, len(tenants))
	lat := make([]float64, 0, len(recs))
	nBins := int(math.Ceil(r.Horizon / r.Bin))
	served := make([]float64, nBins)
	type cnt struct{ n, met int }
	win := make([][]cnt, max(nDeployed, 1))
	for w := range win {
		win[w] = make([]cnt, len(tenants))
	}
	work := 0.0
	for _, q := range recs {
		t := tenantOf[q.flow-1]
		nT[t]++
		if q.met {
			res.SLA[t]++
		}
		w := min(int(q.arrival/r.Interval), len(win)-1)
		win[w][t].n++
		if q.met {
			win[w][t].met++
		}
		if !q.finished {
			continue // a miss in the SLA and the windows; no latency, no work served
		}
		l := q.finish - q.arrival
		lat = append(lat, l)
		res.LatMean += l
		wk := insts[q.flow-1].Work
		work += wk
		served[min(int(q.finish/r.Bin), nBins-1)] += wk
	}
	for t := range res.SLA {
		if nT[t] > 0 {
			res.SLA[t] /= nT[t]
		}
	}
	for w, cs := range win {
		for _, c := range cs {
			if c.n > 0 && float64(c.met) < r.SLAQuantile*float64(c.n)-1e-9 {
				res.Admitted, res.FirstViolation = accepted[w], float64(w)*r.Interval
				break
			}
		}
		if res.FirstViolation >= 0 {
			break
		}
	}
	if len(lat) > 0 {
		slices.Sort(lat)
		res.LatMean = 1000 * res.LatMean / float64(len(lat))
		res.LatP95, res.LatP99 = 1000*quantile(lat, 0.95), 1000*quantile(lat, 0.99)
	}
	capa := 0.0
	bins := make([]point, nBins)
	counts := make([]float64, nBins)
	prev, dir := -1.0, 0
	for i, n := range smp.replicas {
		capa += smp.cores[i]
		res.ReplicaSeconds += n
		res.PeakReplicas = max(res.PeakReplicas, int(n))
		b := min(i/int(r.Bin), nBins-1) // sample i is at time i+1 and covers (i, i+1]
		bins[b].Replicas += n
		bins[b].CPU += smp.cores[i]
		counts[b]++
		if prev >= 0 && n != prev {
			d := 1
			if n < prev {
				d = -1
				res.ScaleDowns++
			} else {
				res.ScaleUps++
			}
			if dir != 0 && d != dir {
				res.Flaps++
			}
			dir = d
		}
		prev = n
	}
	if capa > 0 {
		res.CPUUtil = work / capa
	}
	for b := range bins {
		bins[b].T = float64(b) * r.Bin
		if counts[b] > 0 {
			bins[b].Replicas /= counts[b]
		}
		if c := bins[b].CPU; c > 0 {
			bins[b].CPU = served[b] / c
		}
	}
	res.Series = bins
	return res
}

// quantile returns the q-quantile of sorted xs (the ⌈q·n⌉-th smallest).
func quantile(xs []float64, q float64) float64 {
	return xs[max(int(math.Ceil(q*float64(len(xs))))-1, 0)]
}
