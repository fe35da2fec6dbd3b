package hautoscale

import (
	"context"
	"fmt"
	"math"
	"slices"

	"github.com/airansim/airansim/sim"
)

// Defaults of the overload-crash model ([INF]: the paper reports crashes — FlexRIC's xApps crash
// beyond 35, 45 or 80 xApps with CPU left, §1 and §8 — but no rule; docs/autoscale.md).
const (
	DefaultCrashTicks   = 3  // consecutive overloaded ticks before a crash
	DefaultCrashPeriod  = 5  // tick of the crash model, s
	DefaultCrashRestart = 10 // restart time of a crashed replica, s
)

// CrashOptions configures a CrashModel. The zero value of every optional field selects the default
// in its comment.
type CrashOptions struct {
	Service int     // Index of the AI service whose replicas may crash (≥ 0).
	Ticks   int     // K: a replica overloaded at K consecutive ticks crashes (≥ 1); 0: 3.
	Period  float64 // Tick, s (> 0); 0: 5.
	// Limit is a replica's CPU limit, cores (≥ 0): it is overloaded when the CPU work that arrived in
	// the tick exceeds Limit × tick; 0: its node's C_n.
	Limit float64
	// LMax is the deadline, s (> 0): a replica is also overloaded when its CPU backlog would take
	// longer than LMax to drain at its current allocation (the latency a new request would see);
	// 0: 1 (the xApp window).
	LMax    float64
	Restart float64 // Time a crashed replica takes to restart, s (> 0); 0: 10.
	// OnCrash, if set, is called with the crashed instance when the crash is decided (the router
	// drops its flows' associations: they reconnect after the router's re-association delay).
	OnCrash func(instance int)
}

// CrashModel is the optional overload-crash model: a sim.Controller that, every Period, marks each
// active replica of the service overloaded when its CPU demand over the tick exceeds its limit or its
// backlog's drain time exceeds LMax, and crashes (sim.Crash) a replica overloaded at Ticks consecutive
// ticks: its requests end dropped, it restarts for Restart s, and its xApps reconnect. The count
// restarts after a crash. It implements sim.Forker.
type CrashModel struct {
	o       CrashOptions
	over    []int // consecutive overloaded ticks, by instance
	crashes []CrashEvent
}

// CrashEvent is one crash the model decided.
type CrashEvent struct {
	Time     float64 // s
	Instance int
	Requests int // requests at the replica when it crashed (active and waiting), ended dropped
}

// NewCrashModel returns a CrashModel, or an error wrapping ErrOptions.
func NewCrashModel(o CrashOptions) (*CrashModel, error) {
	if o.Ticks == 0 {
		o.Ticks = DefaultCrashTicks
	}
	if o.Period == 0 {
		o.Period = DefaultCrashPeriod
	}
	if o.LMax == 0 {
		o.LMax = DefaultLMax
	}
	if o.Restart == 0 {
		o.Restart = DefaultCrashRestart
	}
	if o.Service < 0 || o.Ticks < 1 || !pos(o.Period) || !nonNeg(o.Limit) || !pos(o.LMax) || !pos(o.Restart) {
		return nil, fmt.Errorf("%w: crash model: service %d, ticks %d (≥ 1), period %g s, limit %g cores, LMax %g s, restart %g s",
			ErrOptions, o.Service, o.Ticks, o.Period, o.Limit, o.LMax, o.Restart)
	}
	return &CrashModel{o: o}, nil
}

// CrashName is the name the crash model reports.
const CrashName = "crash-model"

// Name returns CrashName.
func (*CrashModel) Name() string { return CrashName }

// Spec returns the model scheduled every Period.
func (m *CrashModel) Spec() sim.ControllerSpec {
	return sim.ControllerSpec{Controller: m, Period: m.o.Period}
}

// Crashes returns the crashes decided so far, in time order.
func (m *CrashModel) Crashes() []CrashEvent { return slices.Clone(m.crashes) }

// Fork returns an independent copy (OnCrash is shared).
func (m *CrashModel) Fork() any {
	c := *m
	c.over, c.crashes = slices.Clone(m.over), slices.Clone(m.crashes)
	return &c
}

// Decide counts the overloaded ticks of every active replica and crashes those at Ticks.
func (m *CrashModel) Decide(_ context.Context, s *sim.Snapshot, _ sim.Env) (sim.Plan, error) {
	for len(m.over) < len(s.Instances) {
		m.over = append(m.over, 0)
	}
	var plan sim.Plan
	for i, in := range s.Instances {
		if in.Service != m.o.Service {
			continue
		}
		if in.State != sim.StateActive {
			m.over[i] = 0
			continue
		}
		limit := m.o.Limit
		if limit == 0 {
			limit = s.Nodes[in.Node].Spec.CPU
		}
		demand := in.LastEpoch.Work.CPU / math.Max(s.Window, 1e-12)
		drain := 0.0
		if in.BacklogCPU > 0 {
			drain = math.Inf(1)
			if in.CPUAlloc > 0 {
				drain = in.BacklogCPU / in.CPUAlloc
			}
		}
		if s.Window > 0 && (demand > limit || drain > m.o.LMax) {
			m.over[i]++
		} else {
			m.over[i] = 0
		}
		if m.over[i] >= m.o.Ticks {
			m.over[i] = 0
			plan = append(plan, sim.Crash{Instance: i, Restart: m.o.Restart})
			m.crashes = append(m.crashes, CrashEvent{Time: s.Time, Instance: i, Requests: in.Active + in.Waiting})
			if m.o.OnCrash != nil {
				m.o.OnCrash(i)
			}
		}
	}
	return plan, nil
}
