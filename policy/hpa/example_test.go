package hpa_test

import (
	"fmt"

	"github.com/airansim/airansim/policy/hpa"
)

// ExampleAutoscaler syncs a 4-pod target every 15 s: a burst to 3× the 80 % target scales up by at most
// max(+4, +100 %) per 15 s, and the fall to 20 % waits out the 300 s stabilisation window.
func ExampleAutoscaler() {
	a, err := hpa.New(hpa.Options{MaxReplicas: 10}) // Kubernetes' defaults otherwise
	if err != nil {
		panic(err)
	}
	current := 4
	for t := 15.0; t <= 375; t += 15 {
		usage := 0.2 // cores per 1-core request
		if t <= 45 {
			usage = 2.4
		}
		ps := make([]hpa.Pod, current)
		for i := range ps {
			ps[i] = hpa.Pod{Ready: true, Start: -600, ReadySince: -600, Usage: usage, MetricTime: t, Window: 15, Request: 1}
		}
		d := a.Sync(t, current, ps)
		if d.Desired != current {
			fmt.Printf("t=%3.0f s: %d → %d (proposed %d)\n", t, current, d.Desired, d.Proposed)
		}
		current = d.Desired
	}
	// Output:
	// t= 15 s: 4 → 8 (proposed 12)
	// t= 30 s: 8 → 10 (proposed 24)
	// t=345 s: 10 → 3 (proposed 3)
}
