package main

import (
	"math"
	"strconv"

	"github.com/airansim/airansim/internal/stats"
)

// metric is one point of one figure: its values over the runs.
type metric struct {
	fig, mix, cas string
	nodes         int
	metric        string
	xs            []float64
}

// metrics is the summary in first-seen order, with a lookup.
type metrics struct {
	list []*metric
	idx  map[[5]string]*metric
}

func key(fig, mix, cas string, nodes int, name string) [5]string {
	return [5]string{fig, mix, cas, strconv.Itoa(nodes), name}
}

func (ms *metrics) add(fig, mix, cas string, nodes int, name string, v float64) {
	if math.IsNaN(v) {
		return
	}
	k := key(fig, mix, cas, nodes, name)
	m, ok := ms.idx[k]
	if !ok {
		m = &metric{fig: fig, mix: mix, cas: cas, nodes: nodes, metric: name}
		ms.idx[k] = m
		ms.list = append(ms.list, m)
	}
	m.xs = append(m.xs, v)
}

// get returns the mean and 95 % CI half-width of a metric, and its number of runs (0: none).
func (ms *metrics) get(fig, mix, cas string, nodes int, name string) (mean, ci float64, n int) {
	m, ok := ms.idx[key(fig, mix, cas, nodes, name)]
	if !ok {
		return math.NaN(), math.NaN(), 0
	}
	mean, ci = stats.CI95(m.xs)
	return mean, ci, len(m.xs)
}

// ratio is a/b, NaN when b is 0.
func ratio(a, b float64) float64 {
	if b == 0 {
		return math.NaN()
	}
	return a / b
}

func collect(pts []pointResult, szs []sizeResult) *metrics {
	ms := &metrics{idx: map[[5]string]*metric{}}
	for _, r := range pts {
		mx, cs := r.Spec.Mix, r.Spec.Case
		n := float64(r.Intents)
		add := func(fig, name string, v float64) { ms.add(fig, mx, cs, 0, name, v) }
		add("6", "acceptance_share", float64(r.Share.Accepted)/n)
		add("6", "servable", float64(r.Servable)/n)
		add("6", "acceptance_share_of_servable", ratio(float64(r.Share.Accepted), float64(r.Servable)))
		add("6r", "branch_full", float64(r.Branch.Accepted)/n)
		add("6r", "branch_partial", float64(r.Branch.Partial)/n)
		add("6r", "branch_any", float64(r.Branch.Accepted+r.Branch.Partial)/n)
		add("7", "cores_share", r.Share.Cores)
		add("7", "cores_noshare", r.NoShare.Cores)
		add("7", "cores_ratio", ratio(r.NoShare.Cores, r.Share.Cores))
		add("7", "cores_per_accepted_share", ratio(r.Share.Cores, float64(r.Share.Accepted)))
		add("7", "cores_per_accepted_noshare", ratio(r.NoShare.Cores, float64(r.NoShare.Accepted)))
		add("8", "acceptance_noshare", float64(r.NoShare.Accepted)/n)
		t := r.Share.Tiers
		tot := float64(t[0] + t[1] + t[2] + t[3] + t[4])
		add("9", "ric", ratio(float64(t[0]+t[1]), tot))
		add("9", "cu_du_ru", ratio(float64(t[2]+t[3]+t[4]), tot))
		for k, name := range tierCols {
			add("9", "tier_"+name, ratio(float64(t[k]), tot))
		}
		add("time", "share_s", r.Share.TimeS)
		add("time", "noshare_s", r.NoShare.TimeS)
		add("time", "greedy_s", r.Greedy.TimeS)
		add("time", "branch_s", r.Branch.TimeS)
		add("time", "greedy_acceptance", float64(r.Greedy.Accepted)/n)
		add("time", "share_proved", b2f(r.Share.Status == "optimal"))
		add("time", "noshare_proved", b2f(r.NoShare.Status == "optimal"))
		add("time", "share_by_cbc", b2f(r.Share.Solver == solverCBC))
		add("time", "noshare_by_cbc", b2f(r.NoShare.Solver == solverCBC))
	}
	for _, r := range szs {
		add := func(name string, v float64) { ms.add("5", "DT", "ALL", r.Spec.Nodes, name, v) }
		c := r.Count
		add("vars_full", float64(c.Full))
		add("vars_fp", float64(c.FP))
		add("vars_fpap", float64(c.FPAP))
		add("vars_exact", float64(c.Exact))
		add("build_s", r.BuildS)
		if r.BB != nil {
			add("bb_s", r.BB.TimeS)
			add("bb_proved", b2f(r.BB.Status == "optimal"))
		}
		if r.CBC != nil {
			add("cbc_s", r.CBC.TimeS)
			add("cbc_proved", b2f(r.CBC.Status == "optimal"))
			add("acceptance_exact", float64(r.CBC.Accepted)/float64(r.Spec.Requests))
		}
		add("greedy_s", r.Greedy.TimeS)
		add("branch_s", r.Branch.TimeS)
		add("acceptance_greedy", float64(r.Greedy.Accepted)/float64(r.Spec.Requests))
		add("branch_full", float64(r.Branch.Accepted)/float64(r.Spec.Requests))
		add("branch_any", float64(r.Branch.Accepted+r.Branch.Partial)/float64(r.Spec.Requests))
	}
	return ms
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// summarise returns every metric, in first-seen order.
func summarise(pts []pointResult, szs []sizeResult) []*metric { return collect(pts, szs).list }
