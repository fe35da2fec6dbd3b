package hautoscale_test

import (
	"context"
	"testing"

	"github.com/airansim/airansim/policy/bnb"
	"github.com/airansim/airansim/policy/hautoscale"
	"github.com/airansim/airansim/sim"
)

// benchSnap is a snapshot of 25 active replicas of service 0, one per 2-core node, at 60 % load.
func benchSnap() *sim.Snapshot {
	nodes, work, backlog := make([]int, 25), make([]float64, 25), make([]float64, 25)
	for k := range nodes {
		nodes[k], work[k] = k%3, 18
	}
	return ric(30, nodes, work, backlog)
}

// BenchmarkTick measures one control tick: the hautoscale controller (rules with the combined metric
// and the PID) on 25 replicas, the crash model on the same snapshot, and one Bull-and-Bear
// association of a new flow among 25 replicas.
func BenchmarkTick(b *testing.B) {
	ctx := context.Background()
	s := benchSnap()
	b.Run("hautoscale", func(b *testing.B) {
		ctl, err := hautoscale.NewController(hautoscale.ControllerOptions{Rules: hautoscale.Options{Combined: true, PID: true}})
		if err != nil {
			b.Fatal(err)
		}
		ctl.Decide(ctx, s, nil)
		b.ReportAllocs()
		for b.Loop() {
			if _, err := ctl.Decide(ctx, s, nil); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("crash-model", func(b *testing.B) {
		m, err := hautoscale.NewCrashModel(hautoscale.CrashOptions{})
		if err != nil {
			b.Fatal(err)
		}
		b.ReportAllocs()
		for b.Loop() {
			m.Decide(ctx, s, nil)
		}
	})
	b.Run("bnb-associate", func(b *testing.B) {
		r, err := bnb.New(bnb.Options{})
		if err != nil {
			b.Fatal(err)
		}
		reps := make([]sim.ReplicaView, 25)
		for k := range reps {
			reps[k] = sim.ReplicaView{Instance: k, Node: k, InFlight: k % 5, Available: true}
		}
		r.Decide(ctx, s, nil)
		q := sim.Request{Class: sim.AI}
		b.ReportAllocs()
		for b.Loop() {
			q.Flow = 0 // a request without a flow: placed as a new flow would be
			r.Route(&q, reps)
		}
	})
}
