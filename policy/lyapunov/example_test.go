package lyapunov_test

import (
	"context"
	"fmt"

	"github.com/airansim/airansim/policy/lyapunov"
	"github.com/airansim/airansim/sim"
)

// A backlogged large AI takes all of node 0 under MaxWeight and starves a small AI next to it. Moving
// the small AI to the idle node 1 costs 0.5 s of service but lowers the drift-plus-penalty from 0.1 to
// −0.05, so the policy moves it. Moving the large AI would leave it unserved for the whole slot.
func ExamplePolicy_Decide() {
	s := &sim.Snapshot{Time: 100, Window: 5,
		Nodes: []sim.NodeView{
			{Spec: sim.NodeSpec{Name: "hot", GPU: 300, VRAMGB: 80, CPU: 32}, Weights: 29, Inst: []int{0, 1}},
			{Spec: sim.NodeSpec{Name: "idle", GPU: 300, VRAMGB: 80, CPU: 32}},
		},
		Services: []sim.ServiceSpec{
			{Name: "llm", Category: sim.LargeAI, WeightsGB: 28, ReconfigS: 8},
			{Name: "vision", Category: sim.SmallAI, WeightsGB: 1, ReconfigS: 0.5},
		},
		Instances: []sim.InstanceView{
			{Service: 0, Category: sim.LargeAI, Node: 0, BacklogGPU: 3000, // TFLOP
				LastEpoch: sim.InstanceCount{Work: sim.Work{GPU: 1500}}}, // 300 TFLOP/s over 5 s
			{Service: 1, Category: sim.SmallAI, Node: 0, BacklogGPU: 300,
				LastEpoch: sim.InstanceCount{Work: sim.Work{GPU: 150}}},
		},
	}
	p, err := lyapunov.New(lyapunov.Options{}) // V = 1, T = 5 s
	if err != nil {
		fmt.Println(err)
		return
	}
	ms, _ := p.Decide(context.Background(), s, nil)
	m := ms[0].(sim.Migrate)
	fmt.Printf("no-op J = %.2f, move J = %.2f, decision %+v\n", p.Objective(s, nil), p.Objective(s, &m), ms)
	// Output: no-op J = 0.10, move J = -0.05, decision [{Instance:1 To:1 Delay:0}]
}
