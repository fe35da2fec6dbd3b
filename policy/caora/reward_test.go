package caora

import (
	"math"
	"testing"

	"github.com/airansim/airansim/sim"
)

// list is a Source over fixed requests.
type list struct{ rs []sim.Request }

func (l *list) Next() (sim.Request, bool, error) {
	if len(l.rs) == 0 {
		return sim.Request{}, false, nil
	}
	r := l.rs[0]
	l.rs = l.rs[1:]
	return r, true, nil
}

// TestTrackerReward checks the per-node slot reward: requests count at their expiry, met only with a
// met record, attributed to the nodes of their cell (RAN) or service replicas (AI), groups weighing
// equally.
func TestTrackerReward(t *testing.T) {
	cfg := sim.Config{
		Nodes:    make([]sim.NodeSpec, 3),
		Services: []sim.ServiceSpec{{Category: sim.DU}, {Category: sim.CUUP}, {Category: sim.LargeAI}, {Category: sim.SmallAI}},
		// DU on node 0, CU-UP on node 1, large-AI on node 0, small-AI replicated on nodes 0 and 2.
		Instances: []sim.InstanceSpec{{Service: 0, Node: 0}, {Service: 1, Node: 1}, {Service: 2, Node: 0}, {Service: 3, Node: 0}, {Service: 3, Node: 2}},
		Cells:     []sim.CellSpec{{DU: 0, CU: 1}},
	}
	reqs := []sim.Request{
		{ID: 0, Class: sim.URLLC, Arrival: 0.1, Deadline: 0.001},
		{ID: 1, Class: sim.AI, Service: 2, Arrival: 0.2, Deadline: 3},   // expires at 3.2
		{ID: 2, Class: sim.AI, Service: 3, Arrival: 0.3, Deadline: 0.5}, // expires at 0.8
		{ID: 3, Class: sim.EMBB, Arrival: 0.4, Deadline: 0.004},
		{ID: 4, Class: sim.AI, Service: 2, Arrival: 4, Deadline: 1}, // expires after the second slot
	}
	tr := newTracker(&cfg, &list{rs: reqs}, RewardFulfilment)
	for range reqs {
		if _, ok, _ := tr.Next(); !ok {
			t.Fatal("source ended early")
		}
	}
	tr.Record(sim.Record{ID: 0, Finished: true, Arrival: 0.1, Finish: 0.1005, Deadline: 0.001}) // met
	tr.Record(sim.Record{ID: 2, Finished: true, Arrival: 0.3, Finish: 0.5, Deadline: 0.5})      // met
	tr.Record(sim.Record{ID: 3, Finished: true, Arrival: 0.4, Finish: 0.5, Deadline: 0.004})    // missed
	type want struct {
		r  float64
		ok bool
	}
	for _, slot := range []struct {
		end  float64
		want [3]want
	}{
		// Slot 1 settles requests 0, 2, 3 (RAN 1 of 2, small 1 of 1). Node 0: (0.5 + 1)/2; node 1
		// (CU-UP): 0.5; node 2 (small replica): 1.
		{1, [3]want{{0.75, true}, {0.5, true}, {1, true}}},
		// Slot 2 settles request 1 (large-AI, still running: missed) at node 0 only.
		{5, [3]want{{0, true}, {0, false}, {0, false}}},
	} {
		tr.settle(slot.end)
		for n, w := range slot.want {
			if r, ok := tr.reward(n); ok != w.ok || math.Abs(r-w.r) > 1e-12 {
				t.Errorf("slot ending %g, node %d: reward %v %v, want %v %v", slot.end, n, r, ok, w.r, w.ok)
			}
		}
	}
	if len(tr.pending) != 1 || len(tr.met) != 0 {
		t.Fatalf("%d pending (want request 4), %d met flags left", len(tr.pending), len(tr.met))
	}
}

// TestCompletionsReward checks RewardCompletions against rewards worked out by hand: in one slot
// three runs settle the same requests, two of them meeting the same fraction (no large-AI request
// in time) but one completing half as many large-AI requests. The fulfilment reward cannot tell
// those two apart; the completions reward must score the one that serves fewer lower.
func TestCompletionsReward(t *testing.T) {
	cfg := sim.Config{
		Nodes:    make([]sim.NodeSpec, 2),
		Services: []sim.ServiceSpec{{Category: sim.DU}, {Category: sim.CUUP}, {Category: sim.LargeAI}, {Category: sim.SmallAI}},
		// The cell and the large-AI service on node 0, a small-AI service alone on node 1.
		Instances: []sim.InstanceSpec{{Service: 0, Node: 0}, {Service: 1, Node: 0}, {Service: 2, Node: 0}, {Service: 3, Node: 1}},
		Cells:     []sim.CellSpec{{DU: 0, CU: 1}},
	}
	reqs := []sim.Request{{ID: 0, Class: sim.URLLC, Arrival: 0.1, Deadline: 0.001}}
	for i := range 4 { // large-AI requests arriving at 0.1, …, 0.4 s, expiring at 0.6, …, 0.9 s
		reqs = append(reqs, sim.Request{ID: int64(i + 1), Class: sim.AI, Service: 2, Arrival: 0.1 * float64(i+1), Deadline: 0.5})
	}
	ran := sim.Record{ID: 0, Class: sim.URLLC, Category: sim.DU, Service: -1, Finished: true, Arrival: 0.1, Finish: 0.1005, Deadline: 0.001}
	large := func(id int, finish float64) sim.Record {
		a := 0.1 * float64(id)
		return sim.Record{ID: int64(id), Class: sim.AI, Category: sim.LargeAI, Service: 2, Finished: true, Arrival: a, Finish: finish, Deadline: 0.5}
	}
	for _, c := range []struct {
		name    string
		records []sim.Record
		want    [2]float64 // node 0's reward in slot (0, 1] under RewardFulfilment, RewardCompletions
	}{
		// RAN 1 of 1 met and completed; large-AI 0 of 4 met, 4 of 4 arrivals completed (late):
		// fulfilment (1 + 0)/2; completions ((1+1)/2 + (0+1)/2)/2.
		{"all served late", []sim.Record{ran, large(1, 0.95), large(2, 0.95), large(3, 0.95), large(4, 0.95)}, [2]float64{0.5, 0.75}},
		// Large-AI 0 of 4 met, 2 of 4 completed: completions ((1+1)/2 + (0+0.5)/2)/2.
		{"half served late", []sim.Record{ran, large(1, 0.95), large(2, 0.95)}, [2]float64{0.5, 0.625}},
		// Large-AI 2 of 4 met, 2 of 4 completed: fulfilment (1 + 0.5)/2; completions ((1+1)/2 + (0.5+0.5)/2)/2.
		{"half served in time", []sim.Record{ran, large(1, 0.3), large(2, 0.4)}, [2]float64{0.75, 0.75}},
		// Nothing completes: the large-AI requests expire (fulfilment 0) and the completed share is 0.
		{"starved", []sim.Record{ran}, [2]float64{0.5, 0.5}},
	} {
		for k, kind := range []Reward{RewardFulfilment, RewardCompletions} {
			tr := newTracker(&cfg, &list{rs: append([]sim.Request(nil), reqs...)}, kind)
			for range reqs {
				if _, ok, _ := tr.Next(); !ok {
					t.Fatal("source ended early")
				}
			}
			for _, r := range c.records {
				tr.Record(r)
			}
			tr.settle(1)
			if r, ok := tr.reward(0); !ok || math.Abs(r-c.want[k]) > 1e-12 {
				t.Errorf("%s, %v: node 0 reward %v %v, want %v", c.name, kind, r, ok, c.want[k])
			}
			if r, ok := tr.reward(1); ok {
				t.Errorf("%s, %v: node 1 (nothing there) reward %v", c.name, kind, r)
			}
		}
	}
}

// TestCompletionsRewardBacklog: completions in a slot without arrivals (a backlog draining) give a
// completed share of 1, not more; a slot with arrivals and nothing else gives 0.
func TestCompletionsRewardBacklog(t *testing.T) {
	cfg := sim.Config{
		Nodes:     make([]sim.NodeSpec, 1),
		Services:  []sim.ServiceSpec{{Category: sim.SmallAI}},
		Instances: []sim.InstanceSpec{{Service: 0, Node: 0}},
	}
	reqs := []sim.Request{
		{ID: 0, Class: sim.AI, Arrival: 0.5, Deadline: 10}, // expires at 10.5
		{ID: 1, Class: sim.AI, Arrival: 0.6, Deadline: 10},
		{ID: 2, Class: sim.AI, Arrival: 1.5, Deadline: 10},
	}
	tr := newTracker(&cfg, &list{rs: reqs}, RewardCompletions)
	for range reqs {
		tr.Next()
	}
	for _, s := range []struct {
		end    float64
		finish []int // requests completing in the slot
		want   float64
	}{
		{1, nil, 0},         // 2 arrived, 0 completed, nothing settled
		{2, []int{0, 1}, 1}, // 1 arrived, 2 completed (capped at 1)
	} {
		for _, id := range s.finish {
			tr.Record(sim.Record{ID: int64(id), Class: sim.AI, Category: sim.SmallAI, Finished: true, Arrival: reqs[id].Arrival, Finish: s.end - 0.1, Deadline: 10})
		}
		tr.settle(s.end)
		if r, ok := tr.reward(0); !ok || math.Abs(r-s.want) > 1e-12 {
			t.Errorf("slot ending %g: reward %v %v, want %v", s.end, r, ok, s.want)
		}
	}
}

func TestParseReward(t *testing.T) {
	for _, r := range Rewards {
		if got, err := ParseReward(r.String()); err != nil || got != r {
			t.Errorf("ParseReward(%q) = %v, %v", r, got, err)
		}
	}
	if _, err := ParseReward("latency"); err == nil {
		t.Error("ParseReward(\"latency\"): no error")
	}
}
