package sim_test

import (
	"context"
	"fmt"

	"github.com/airansim/airansim/sim"
)

// addOnce is a controller that adds one replica of service 2 on node 1 at its first call.
type addOnce struct{ done bool }

func (*addOnce) Name() string { return "add-once" }

func (a *addOnce) Decide(_ context.Context, s *sim.Snapshot, _ sim.Env) (sim.Plan, error) {
	if a.done {
		return nil, nil
	}
	a.done = true
	return sim.Plan{
		sim.AddReplica{Service: 2, Node: 1, Startup: 0.5},
		sim.AddReplica{Service: 2, Node: 1, Startup: 0.5}, // 2 × 4 GB fit in 10 GB
		sim.AddReplica{Service: 2, Node: 1, Startup: 0.5}, // a third does not: rejected for VRAM
	}, nil
}

// ExampleControllerSpec runs a controller every second from 1 s: its plan adds replicas, the engine
// rejects the one that does not fit and counts it by kind and reason.
func ExampleControllerSpec() {
	cfg := twoNodes() // node 1: 10 GB of VRAM; service 2 weighs 4 GB
	cfg.Source = aiLoad(200)
	cfg.Controllers = []sim.ControllerSpec{{Controller: &addOnce{}, Period: 1}}
	s, err := sim.New(cfg)
	if err != nil {
		panic(err)
	}
	if err := s.RunUntil(context.Background(), 1.2); err != nil {
		panic(err)
	}
	for i, in := range s.Snapshot().Instances {
		fmt.Println(i, in.Node, in.State)
	}
	st := s.Stats()
	fmt.Println("added", st.Added, "rejected", st.Rejected, "for", sim.ReasonVRAM, st.Rejections[sim.KindAddReplica][sim.ReasonVRAM])
	fmt.Println(st.RejectionSummary())
	// Output:
	// 0 0 active
	// 1 0 active
	// 2 0 active
	// 3 1 starting
	// 4 1 starting
	// added 2 rejected 1 for vram 1
	// add-replica/vram=1
}
