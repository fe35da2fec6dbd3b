package xapp_test

import (
	"fmt"

	"github.com/airansim/airansim/traces/xapp"
)

// Two tenants' deployments: three KPM xApps with the class deadline and one CPU-intensive xApp with a
// 400 ms deadline, periodic every 0.5 s, deployed 5 s apart.
func Example() {
	src, err := xapp.New(xapp.Options{Period: 0.5, Seed: 1, Deployments: []xapp.Deployment{
		{Tenant: "r1", Type: "kpm", N: 3},
		{Tenant: "r2", Type: "cpu-intensive", N: 1, Deadline: 0.4},
	}})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, in := range src.Instances() {
		fmt.Printf("flow %d %s %s deployed %gs: %.4f core-s every %gs, deadline %gs\n",
			in.Flow, in.Tenant, in.Type, in.Deployed, in.Work, in.Period, in.Deadline)
	}
	r, _, _ := src.Next()
	fmt.Printf("first request: flow %d, %.4f core-s, deadline %gs\n", r.Flow, r.AIWork.CPU, r.Deadline)
	// Output:
	// flow 1 r1 kpm deployed 0s: 0.0114 core-s every 0.5s, deadline 1s
	// flow 2 r1 kpm deployed 5s: 0.0114 core-s every 0.5s, deadline 1s
	// flow 3 r1 kpm deployed 10s: 0.0114 core-s every 0.5s, deadline 1s
	// flow 4 r2 cpu-intensive deployed 15s: 0.0209 core-s every 0.5s, deadline 0.4s
	// first request: flow 1, 0.0114 core-s, deadline 1s
}
