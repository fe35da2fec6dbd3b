package lyapunov_test

import (
	"github.com/airansim/airansim/policy/policytest"
	"github.com/airansim/airansim/sim"
)

// The hand-built snapshots of policytest, under short names.
type (
	node = policytest.Node
	inst = policytest.Instance
)

var snapshot = policytest.Snapshot

// hotspot is two 300 TFLOP/s nodes; node 0 hosts a backlogged large AI (instance 0: Q = 3000/300 =
// 10 s, a = 1) and a small AI (instance 1: Q = 300/300 = 1 s, a = 30/300 = 0.1), node 1 is empty.
// MaxWeight gives all of node 0 to the large AI, so the small one is starved.
func hotspot() *sim.Snapshot {
	return snapshot([]node{{GPU: 300, VRAM: 80}, {GPU: 300, VRAM: 80}},
		inst{Category: sim.LargeAI, Backlog: 3000, Rate: 300, Weights: 28, Reconfig: 8},
		inst{Category: sim.SmallAI, Backlog: 300, Rate: 30, Weights: 1, Reconfig: 0.5})
}

// twoLLMs is two 300 TFLOP/s nodes; node 0 hosts two equal backlogged large AIs (Q = 3000/300 =
// 10 s, a = 225/300 = 0.75 each, R_s = 8 s), node 1 is empty: node 0 is at load 1.5 and MaxWeight
// splits it equally (μ = 0.5 each).
func twoLLMs() *sim.Snapshot {
	llm := inst{Category: sim.LargeAI, Backlog: 3000, Rate: 225, Weights: 28, Reconfig: 8}
	return snapshot([]node{{GPU: 300, VRAM: 80}, {GPU: 300, VRAM: 80}}, llm, llm)
}
