package sim_test

import (
	"reflect"
	"testing"

	"github.com/airansim/airansim/allocator"
	"github.com/airansim/airansim/sim"
	"github.com/airansim/airansim/sim/simtest"
)

// hidden hides every method of the allocator it holds but Allocate, so the engine computes ω for it.
type hidden struct{ sim.Allocator }

// urgencySeen is EqualShare that records the largest Demand.Urgency it was given and says, through
// ignore, whether it ignores urgency.
type urgencySeen struct {
	ignore bool
	max    *float64
}

func (u urgencySeen) Allocate(c float64, d []sim.Demand, out []float64) bool {
	for _, v := range d {
		*u.max = max(*u.max, v.Urgency)
	}
	return allocator.EqualShare{}.Allocate(c, d, out)
}

func (u urgencySeen) IgnoresUrgency() bool { return u.ignore }

// TestUrgencyIgnorer checks that an allocator that ignores urgency is given none, that one that does
// not say so (or says false) is given ω > 0, and that skipping ω changes no record and no counter.
func TestUrgencyIgnorer(t *testing.T) {
	run := func(a sim.Allocator) ([]sim.Record, sim.Stats) {
		cfg := paperConfig(t, 1, 3000, 4)
		cfg.Allocator = a
		var recs simtest.Collect
		cfg.Sink = &recs
		_, st := simtest.RunChecked(t, cfg)
		return recs.Recs, st
	}
	for _, tc := range []struct {
		ignore   bool
		wantZero bool
	}{{true, true}, {false, false}} {
		var seen float64
		run(urgencySeen{ignore: tc.ignore, max: &seen})
		if (seen == 0) != tc.wantZero {
			t.Errorf("IgnoresUrgency() = %v: largest urgency given %g", tc.ignore, seen)
		}
	}
	fast, stFast := run(allocator.EqualShare{})
	slow, stSlow := run(hidden{allocator.EqualShare{}})
	if len(fast) != 3000 || !reflect.DeepEqual(fast, slow) || stFast != stSlow {
		t.Errorf("EqualShare with and without ω differ: %d vs %d records, stats %+v vs %+v", len(fast), len(slow), stFast, stSlow)
	}
}
