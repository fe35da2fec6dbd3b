package sac_test

import (
	"fmt"

	"github.com/airansim/airansim/internal/sac"
)

// Learn the best constant action of a one-step task whose reward −(a − 0.5)² peaks at a = 0.5.
func Example() {
	agent, err := sac.New(1, 1, sac.Options{Hidden: []int{16, 16}, Batch: 32, ActorLR: 3e-3, CriticLR: 3e-3, AlphaLR: 3e-3, Seed: 1})
	if err != nil {
		panic(err)
	}
	buf := sac.NewReplay(1000, 1, 1)
	obs, act := []float64{1}, make([]float64, 1)
	for range 1500 {
		act = agent.Act(obs, false, act) // explore: sample from the policy
		d := act[0] - 0.5
		buf.Add(sac.Transition{Obs: obs, Action: act, Reward: -d * d, Next: obs, Done: true})
		agent.Update(buf)
	}
	fmt.Printf("deterministic action ≈ %.1f\n", agent.Act(obs, true, nil)[0])
	// Output: deterministic action ≈ 0.5
}
