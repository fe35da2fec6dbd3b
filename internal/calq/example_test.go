package calq_test

import (
	"fmt"

	"github.com/airansim/airansim/internal/calq"
)

// A queue of three timers: one is moved earlier, one removed, and the rest popped in key order.
func Example() {
	var q calq.Queue
	q.Set(0, 2.5, 0) // id 0 due at t = 2.5
	q.Set(1, 1.0, 7) // id 1 due at t = 1.0 ...
	q.Set(2, 1.0, 3) // ... as id 2, which goes first on the tie
	q.Set(0, 0.5, 0) // id 0 re-keyed to t = 0.5
	q.Remove(1)
	for q.Len() > 0 {
		id, _ := q.PopMin()
		t, tie := q.Key(id)
		fmt.Println(id, t, tie)
	}
	// Output:
	// 0 0.5 0
	// 2 1 3
}
