package sac

import "testing"

func TestReplayRing(t *testing.T) {
	for _, c := range []struct {
		name      string
		cap, adds int
		wantFirst float64 // reward of the oldest stored transition
	}{
		{"partly filled", 4, 3, 0},
		{"exactly full", 4, 4, 0},
		{"wrapped once", 4, 6, 2},
		{"wrapped twice", 3, 8, 5},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := NewReplay(c.cap, 2, 1)
			for i := range c.adds {
				x := float64(i)
				obs := []float64{x, -x}
				r.Add(Transition{Obs: obs, Action: []float64{x / 10}, Reward: x, Next: []float64{x + 1, 0}, Done: i%2 == 1})
				obs[0] = 99 // the buffer keeps its own copy
			}
			if want := min(c.adds, c.cap); r.Len() != want || r.Cap() != c.cap {
				t.Fatalf("Len %d Cap %d, want %d %d", r.Len(), r.Cap(), want, c.cap)
			}
			for i := range r.Len() {
				tr, x := r.At(i), c.wantFirst+float64(i)
				if tr.Reward != x || tr.Obs[0] != x || tr.Obs[1] != -x || tr.Action[0] != x/10 || tr.Next[0] != x+1 || tr.Done != (int(x)%2 == 1) {
					t.Fatalf("At(%d) = %+v, want the transition of step %g", i, tr, x)
				}
			}
		})
	}
}

func TestReplayMisusePanics(t *testing.T) {
	for _, c := range []struct {
		name string
		f    func()
	}{
		{"zero capacity", func() { NewReplay(0, 1, 1) }},
		{"wrong obs length", func() {
			NewReplay(2, 2, 1).Add(Transition{Obs: []float64{1}, Action: []float64{0}, Next: []float64{1, 2}})
		}},
		{"index past end", func() { NewReplay(2, 1, 1).At(0) }},
		{"update on empty", func() { a, _ := New(1, 1, Options{}); a.Update(NewReplay(2, 1, 1)) }},
	} {
		t.Run(c.name, func(t *testing.T) {
			defer func() {
				if recover() == nil {
					t.Fatal("no panic")
				}
			}()
			c.f()
		})
	}
}
