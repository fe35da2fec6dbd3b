package main

import (
	"github.com/airansim/airansim/allocator"
	"github.com/airansim/airansim/sim"
	"github.com/airansim/airansim/traces/xapp"
)

// The paper's prototype workload (§9): three tenants, one request each, for the three xApp types.
// r1 has the tightest deadline, 400 ms; r2 and r3 1 s [P]. The counts are our reading: 162 in all
// [P], of which r1 and r2 together are the 82 that OpenShift handled [P], split evenly [INF].
var tenants = []tenant{
	{"r1", "kpm", 41.0 / 162, 0.4},
	{"r2", "mac-rlc-pdcp", 41.0 / 162, 1},
	{"r3", "cpu-intensive", 80.0 / 162, 1},
}

// tenant is one tenant's request: its xApp type, share of the xApps and deadline.
type tenant struct {
	name, typ string
	share     float64 // of the xApps
	deadline  float64 // s
}

// ricService is the index of the RIC service (the near-RT RIC pods) in the run's services.
const ricService = 2

// runSpec is everything that determines one run; it is the run's fingerprinted input.
type runSpec struct {
	Method      string  `json:"method"`
	Servers     int     `json:"servers"`
	UpCPU       float64 `json:"up_cpu"`
	DownHold    float64 `json:"down_hold_s"`
	MaxReplicas int     `json:"max_replicas"`
	Seed        uint64  `json:"seed"`
	XApps       int     `json:"xapps"`
	Horizon     float64 `json:"horizon_s"`
	Interval    float64 `json:"interval_s"`
	Period      float64 `json:"period_s"`
	Startup     float64 `json:"startup_s"`
	Cores       float64 `json:"cores"`
	SLAQuantile float64 `json:"sla_quantile"`
	Bin         float64 `json:"bin_s"`
	Collapse    float64 `json:"collapse_core_s"`
	Revision    string  `json:"revision"`
	Extras
}

// counts returns the xApps of each tenant: the shares of XApps, rounded, the last taking the rest.
func (r runSpec) counts() []int {
	n := make([]int, len(tenants))
	left := r.XApps
	for k, t := range tenants[:len(tenants)-1] {
		n[k] = min(left, int(t.share*float64(r.XApps)+0.5))
		left -= n[k]
	}
	n[len(n)-1] = left
	return n
}

// source returns the xApp deployments of the run: r1's, then r2's, then r3's, one every Interval.
func (r runSpec) source() (*xapp.Source, error) {
	var ds []xapp.Deployment
	for k, n := range r.counts() {
		if n > 0 {
			ds = append(ds, xapp.Deployment{Tenant: tenants[k].name, Type: tenants[k].typ, N: n, Deadline: tenants[k].deadline})
		}
	}
	return xapp.New(xapp.Options{Service: ricService, Deployments: ds, Period: r.Period, Interval: r.Interval,
		Horizon: r.Horizon, Seed: r.Seed})
}

// config returns the run's engine configuration: node 0 hosts the cell's DU and CU (the RAN, kept off
// the RIC servers [P §4]); nodes 1…Servers are the RIC servers of Cores cores; the RIC service is a
// CPU-bound AI service whose replicas start in Startup s.
func (r runSpec) config(src sim.Source, m method, sink sim.Sink) sim.Config {
	nodes := []sim.NodeSpec{{Name: "ran", GPU: 10, CPU: 8, VRAMGB: 10}}
	for k := range r.Servers {
		nodes = append(nodes, sim.NodeSpec{Name: "ric-" + itoa(k), CPU: r.Cores})
	}
	inst := []sim.InstanceSpec{{Service: 0, Node: 0}, {Service: 1, Node: 0}}
	for _, n := range m.replicas {
		inst = append(inst, sim.InstanceSpec{Service: ricService, Node: n})
	}
	return sim.Config{
		Nodes: nodes,
		Services: []sim.ServiceSpec{{Name: "du", Category: sim.DU}, {Name: "cu", Category: sim.CUUP},
			{Name: "ric", Category: sim.SmallAI, ReconfigS: r.Startup}},
		Instances:   inst,
		Cells:       []sim.CellSpec{{Name: "c0", DU: 0, CU: 1}},
		Source:      src,
		Allocator:   allocator.EqualShare{},
		Sink:        sink,
		Controllers: m.controllers,
		Horizon:     r.Horizon,
		NoEarlyStop: true,
	}
}

// ricNodes returns the RIC servers' node indices, 1…Servers.
func (r runSpec) ricNodes() []int {
	ns := make([]int, r.Servers)
	for k := range ns {
		ns[k] = k + 1
	}
	return ns
}

func itoa(k int) string {
	if k < 10 {
		return string(rune('0' + k))
	}
	return itoa(k/10) + string(rune('0'+k%10))
}
