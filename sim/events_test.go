package sim

import (
	"math"
	"math/rand/v2"
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
	if id := q.peek(); q.slab[id].a != 1 || q.cq.Len() != 1 {
		t.Fatal("unscheduled timer should be gone")
	}
}

// TestQueueAgainstSortedModel drives the queue with random one-shot events, side events, timers
// moved with set and setAt, and pops, and checks every pop against a model that keeps the pending
// events' keys (time, kind, seq) in a plain list and takes the smallest.
//
// The cases range from three timers with few distinct times (many ties) to hundreds of timers with
// continuous times, where the calendar queue leaves its heap mode.
func TestQueueAgainstSortedModel(t *testing.T) {
	for _, tc := range []struct {
		name      string
		timers    int
		steps     int
		ties      bool // times on a grid of 1 s (many ties) rather than continuous
		minQueued int  // the queue held at least this many events at some point
	}{
		{"3 timers, ties", 3, 20000, true, 5},
		{"400 timers, ties", 400, 60000, true, 50},
		{"400 timers, continuous", 400, 60000, false, 50},
	} {
		t.Run(tc.name, func(t *testing.T) {
			peak := queueAgainstModel(t, tc.timers, tc.steps, tc.ties)
			if peak < tc.minQueued {
				t.Errorf("at most %d events queued, want a case reaching %d", peak, tc.minQueued)
			}
		})
	}
}

// queueAgainstModel runs TestQueueAgainstSortedModel's random operations with the given number of
// timers and returns the largest number of events that were queued at once.
func queueAgainstModel(t *testing.T, timers, steps int, ties bool) (peak int) {
	type key struct {
		t    float64
		kind eventKind
		seq  uint64
	}
	less := func(a, b key) bool {
		if a.t != b.t {
			return a.t < b.t
		}
		if a.kind != b.kind {
			return a.kind < b.kind
		}
		return a.seq < b.seq
	}
	rng := rand.New(rand.NewPCG(7, 7))
	var q eventQueue
	model := map[int32]key{} // pending event id → its key
	ids := make([]int32, timers)
	for i := range ids {
		ids[i] = q.alloc(evPhaseDone, int32(i), 0)
	}
	now := 0.0
	at := func() float64 {
		if ties {
			return now + float64(rng.IntN(4))
		}
		return now + rng.ExpFloat64()
	}
	for step := 0; step < steps; step++ {
		peak = max(peak, len(model))
		switch op := rng.IntN(6); {
		case op == 0:
			kind := eventKind(1 + rng.IntN(int(evHorizon)))
			id := q.alloc(kind, 0, 0) // as schedule does
			q.set(id, at())
			model[id] = key{q.slab[id].t, kind, q.seq}
		case op == 1 && q.side == 0:
			q.scheduleSide(at(), evArrival, 0, 0)
			model[q.side-1] = key{q.slab[q.side-1].t, evArrival, q.seq}
		case op == 2:
			id := ids[rng.IntN(len(ids))]
			if rng.IntN(4) == 0 {
				q.set(id, math.Inf(1))
				delete(model, id)
				break
			}
			q.set(id, at())
			model[id] = key{q.slab[id].t, evPhaseDone, q.seq}
		case op == 3:
			id := ids[rng.IntN(len(ids))]
			seq := uint64(rng.IntN(int(q.seq) + 1))
			q.setAt(id, at(), seq)
			model[id] = key{q.slab[id].t, evPhaseDone, seq}
		default:
			got := q.peek()
			if len(model) == 0 {
				if got != -1 {
					t.Fatalf("step %d: peek %d from an empty queue", step, got)
				}
				continue
			}
			want := int32(-1)
			for id, k := range model {
				if want < 0 || less(k, model[want]) {
					want = id
				}
			}
			if id := q.pop(); id != got || model[id] != model[want] {
				t.Fatalf("step %d: popped %d %+v, want %+v", step, id, model[id], model[want])
			}
			now = model[got].t
			delete(model, got)
			if q.slab[got].kind != evPhaseDone {
				q.release(got)
			}
		}
	}
	return peak
}
