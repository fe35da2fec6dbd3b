package gametheory_test

import (
	"context"
	"testing"

	"github.com/airansim/airansim/allocator"
	"github.com/airansim/airansim/policy/gametheory"
	"github.com/airansim/airansim/sim"
)

// reqList is a Source over fixed requests.
type reqList []sim.Request

func (l *reqList) Next() (sim.Request, bool, error) {
	if len(*l) == 0 {
		return sim.Request{}, false, nil
	}
	r := (*l)[0]
	*l = (*l)[1:]
	return r, true, nil
}

// TestFreedVRAMAdmitsWaiting runs the engine on a node whose LLM has a request waiting for VRAM. At
// the first epoch the small AI A (60 TFLOP/s) leaves node X for the idle node Z, and the small AI B
// (60 TFLOP/s, crowded on Y with C) then finds X cheapest and fits in X's 1.4 GB of free VRAM.
// But when A's move is applied first, the engine admits the LLM's waiting request (1.5 GB) into
// the 2.4 GB A leaves behind, and B's 1 GB no longer fits: a move the policy promised feasible is
// rejected. Every move the game returns must be accepted.
func TestFreedVRAMAdmitsWaiting(t *testing.T) {
	const (
		instA = iota // small AI on X
		instB        // small AI on Y
		instC        // small AI on Y
		instL        // large AI on X
		instDU
		instCU
	)
	cfg := sim.Config{
		Nodes: []sim.NodeSpec{{Name: "x", GPU: 100, CPU: 8, VRAMGB: 40}, {Name: "y", GPU: 100, CPU: 8, VRAMGB: 40},
			{Name: "z", GPU: 100, CPU: 8, VRAMGB: 40}},
		Services: []sim.ServiceSpec{
			{Name: "a", Category: sim.SmallAI, WeightsGB: 1, ReconfigS: 0.5},
			{Name: "b", Category: sim.SmallAI, WeightsGB: 1, ReconfigS: 0.5},
			{Name: "c", Category: sim.SmallAI, WeightsGB: 1, ReconfigS: 0.5},
			{Name: "llm", Category: sim.LargeAI, WeightsGB: 28, ReconfigS: 8},
			{Name: "du", Category: sim.DU, ReconfigS: 0.05},
			{Name: "cu", Category: sim.CUUP, ReconfigS: 0.05},
		},
		Instances: []sim.InstanceSpec{{Service: instA, Node: 0}, {Service: instB, Node: 1}, {Service: instC, Node: 1},
			{Service: instL, Node: 0}, {Service: instDU, Node: 2}, {Service: instCU, Node: 2}},
		Cells:       []sim.CellSpec{{Name: "c0", DU: instDU, CU: instCU}},
		Allocator:   allocator.Proportional{},
		Controllers: []sim.ControllerSpec{{Controller: newPolicy(t, gametheory.Options{}), Period: 5}},
	}
	var reqs reqList
	add := func(at float64, svc int, work, kv float64) {
		reqs = append(reqs, sim.Request{ID: int64(len(reqs)), Class: sim.AI, Service: svc, Arrival: at, Deadline: 100,
			AIWork: sim.Work{GPU: work}, KVGB: kv})
	}
	// A, B and C each bring 300 TFLOP in the first window (60 TFLOP/s); the LLM 150 TFLOP (30 TFLOP/s)
	// late in the window, so that its requests are still running at the epoch: six hold 1.6 GB each
	// (28 + 1 + 9.6 of X's 40 GB used, 1.4 GB free) and the seventh, 1.5 GB, waits.
	for k := range 10 {
		at := 0.1 * float64(k+1)
		add(at, instA, 30, 0)
		add(at, instB, 30, 0)
		add(at, instC, 30, 0)
	}
	for k := range 7 {
		kv := 1.6
		if k == 6 {
			kv = 1.5
		}
		add(4+0.01*float64(k), instL, 150.0/7, kv)
	}
	cfg.Source = &reqs
	s, err := sim.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.RunUntil(context.Background(), 4.99); err != nil {
		t.Fatal(err)
	}
	snap := s.Snapshot()
	if l := snap.Instances[instL]; l.Waiting != 1 || l.Active != 6 || snap.Nodes[0].VRAMFree() < 1 || snap.Nodes[0].VRAMFree() >= 1.5 {
		t.Fatalf("set-up: LLM %d active, %d waiting, %g GB free on X; want 6, 1 and 1.4", l.Active, l.Waiting, snap.Nodes[0].VRAMFree())
	}
	st, err := s.Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if st.Rejected != 0 || st.Migrations[sim.SmallAI] == 0 {
		t.Fatalf("%d migrations rejected by the engine, %v committed; want none rejected and A moved", st.Rejected, st.Migrations)
	}
}
