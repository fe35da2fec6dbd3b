package gametheory_test

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

// small is a small-AI instance on node n with arrival rate d (TFLOP/s), 1 GB of weights, R_s = 0.5 s,
// so a move costs R_s/T = 0.1.
func small(n int, d float64) inst {
	return inst{Category: sim.SmallAI, Node: n, Rate: d, Weights: 1, Reconfig: 0.5}
}

// hotspot is two 300 TFLOP/s nodes; node 0 hosts a large AI (250 TFLOP/s, R_s = 8 s) and a small AI
// (100 TFLOP/s): both see cost 350/300 ≈ 1.17 there. On the empty node 1 the small AI would see
// 100/300 + 0.1 ≈ 0.43, the large AI 250/300 + 8/5 ≈ 2.43.
func hotspot() *sim.Snapshot {
	return snapshot([]node{{GPU: 300, VRAM: 80}, {GPU: 300, VRAM: 80}},
		inst{Category: sim.LargeAI, Rate: 250, Weights: 28, Reconfig: 8}, small(0, 100))
}
