package gametheory_test

import (
	"context"
	"fmt"

	"github.com/airansim/airansim/policy/gametheory"
	"github.com/airansim/airansim/sim"
)

// A large AI (250 TFLOP/s of work) and a small AI (100 TFLOP/s) share a 300 TFLOP/s node, so each
// sees a cost of 350/300 ≈ 1.17; the other node is idle. The small AI's best response is to move
// (100/300 + R_s/T = 0.33 + 0.5/5 ≈ 0.43); the large AI would pay 8/5 = 1.6 to move and stays. The
// second round confirms the equilibrium.
func ExamplePolicy_Play() {
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
			{Service: 0, Category: sim.LargeAI, Node: 0, LastEpoch: sim.InstanceCount{Work: sim.Work{GPU: 1250}}},
			{Service: 1, Category: sim.SmallAI, Node: 0, LastEpoch: sim.InstanceCount{Work: sim.Work{GPU: 500}}},
		},
	}
	p, err := gametheory.New(gametheory.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	o, _ := p.Play(context.Background(), s)
	fmt.Printf("%+v\n", o)
	// Output: {Migrations:[{Instance:1 To:1 Delay:0}] Rounds:2 Converged:true}
}
