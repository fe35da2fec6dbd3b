package sim

import (
	"math"
	"testing"
)

// TestTieBreak checks the rule (time, kind, seq): earlier time first; at equal times the lower kind;
// at equal kinds the event scheduled first.
func TestTieBreak(t *testing.T) {
	var q eventQueue
	type ev struct {
		t    float64
		kind eventKind
		tag  int32
	}
	in := []ev{
		{1, evHorizon, 0}, {1, evArrival, 1}, {1, evPhaseDone, 2}, {0.5, evEpoch, 3},
		{1, evArrival, 4}, {1, evStageArrive, 5}, {1, evReconfigDone, 6}, {1, evEpoch, 7}, {2, evPhaseDone, 8}, {1, evApply, 9},
	}
	for _, e := range in {
		q.schedule(e.t, e.kind, e.tag, 0)
	}
	want := []int32{3, 2, 6, 5, 1, 4, 9, 7, 0, 8}
	for i, w := range want {
		id := q.pop()
		if got := q.slab[id].a; got != w {
			t.Fatalf("pop %d: got event %d, want %d", i, got, w)
		}
		q.release(id)
	}
	if q.peek() != -1 {
		t.Fatal("queue not empty")
	}
}

// TestTimerReschedule moves a persistent timer earlier, later and off.
func TestTimerReschedule(t *testing.T) {
	var q eventQueue
	timer := q.alloc(evPhaseDone, 42, 0)
	q.schedule(5, evArrival, 1, 0)
	q.set(timer, 10)
	q.set(timer, 3)
	if id := q.peek(); q.slab[id].a != 42 {
		t.Fatal("rescheduled timer should be first")
	}
	q.set(timer, math.Inf(1))
	if id := q.peek(); q.slab[id].a != 1 || len(q.heap) != 1 {
		t.Fatal("unscheduled timer should be gone")
	}
}
