package allocator_test

import (
	"testing"

	"github.com/airansim/airansim/allocator"
	"github.com/airansim/airansim/sim"
)

func TestEqualShareTable(t *testing.T) {
	runCases(t, allocator.EqualShare{}, []allocCase{
		{"empty", 5, nil, nil, true},
		// 12 split three ways.
		{"no floors", 12, []sim.Demand{dm(1, 0), dm(5, 0), dm(9, 0)}, []float64{4, 4, 4}, true},
		// Floors 1, 0, 2 first; the residual 9 − 3 = 6 is split between the two with work: 1+3, 0+3, 2.
		{"floors then residual", 9, []sim.Demand{dm(1, 1), dm(1, 0), dm(0, 2)}, []float64{4, 3, 2}, true},
		// Urgency is ignored: work > 0 is all that counts.
		{"urgency ignored", 2, []sim.Demand{{Work: 1, Urgency: 100}, {Work: 1}}, []float64{1, 1}, true},
		// No instance has work: floors only.
		{"no work", 10, []sim.Demand{dm(0, 1), dm(0, 2)}, []float64{1, 2}, true},
		// Σf = 8 > 4 → floors halved, nothing else.
		{"infeasible", 4, []sim.Demand{dm(1, 2), dm(5, 6), dm(3, 0)}, []float64{1, 3, 0}, false},
		{"negative C", -1, []sim.Demand{dm(1, 0)}, []float64{0}, false},
	})
}
