package sac

import (
	"bytes"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/airansim/airansim/rng"
)

func newTestRand(seed uint64) *rand.Rand { return rand.New(rand.NewPCG(seed, seed+1)) }

// bandit trains an agent on the 1-D contextual bandit r = −(a − a*(s))², a*(s) = 0.6·s with s uniform
// in [−1, 1] (every transition terminal), acting as SAC does online, and returns the agent.
func bandit(t testing.TB, seed uint64, steps int) *Agent {
	t.Helper()
	a, err := New(1, 1, Options{Hidden: []int{32, 32}, Batch: 64, ActorLR: 3e-3, CriticLR: 3e-3, AlphaLR: 3e-3, Seed: seed})
	if err != nil {
		t.Fatal(err)
	}
	env := newTestRand(seed + 100)
	buf := NewReplay(5000, 1, 1)
	act := make([]float64, 1)
	for i := range steps {
		s := []float64{2*env.Float64() - 1}
		if i < 200 {
			act = a.Uniform(act)
		} else {
			act = a.Act(s, false, act)
		}
		d := act[0] - 0.6*s[0]
		buf.Add(Transition{Obs: s, Action: act, Reward: -d * d, Next: s, Done: true})
		if i >= 200 {
			a.Update(buf)
		}
	}
	return a
}

// TestBanditConverges checks that SAC learns the optimal action of a toy continuous bandit.
func TestBanditConverges(t *testing.T) {
	a := bandit(t, 1, 2500)
	worst := 0.0
	for _, s := range []float64{-1, -0.5, 0, 0.5, 1} {
		got := a.Act([]float64{s}, true, nil)[0]
		worst = math.Max(worst, math.Abs(got-0.6*s))
	}
	if worst > 0.08 {
		t.Fatalf("deterministic action misses a* by up to %.3f, want ≤ 0.08", worst)
	}
	if al := a.Alpha(); !(al > 0 && al < 1) {
		t.Errorf("temperature %v did not decrease from 1", al)
	}
}

// TestDeterminism checks that equal seeds give byte-identical networks and different seeds do not.
func TestDeterminism(t *testing.T) {
	weights := func(seed uint64) []byte {
		var b bytes.Buffer
		if err := bandit(t, seed, 400).Actor().Net.Save(&b); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	a, b, c := weights(3), weights(3), weights(4)
	if !bytes.Equal(a, b) {
		t.Fatal("two runs with seed 3 give different actors")
	}
	if bytes.Equal(a, c) {
		t.Fatal("seeds 3 and 4 give the same actor")
	}
}

func TestTargetsFollowCritics(t *testing.T) {
	a, _ := New(2, 1, Options{Hidden: []int{4}, Tau: 1, Batch: 4})
	buf := NewReplay(8, 2, 1)
	buf.Add(Transition{Obs: []float64{1, 2}, Action: []float64{0.5}, Reward: 1, Next: []float64{0, 1}})
	st := a.Update(buf)
	for k := range a.q {
		for i := range a.q[k].Params() {
			if a.q[k].Param(i) != a.qt[k].Param(i) {
				t.Fatalf("critic %d param %d: target %v, critic %v with τ = 1", k, i, a.qt[k].Param(i), a.q[k].Param(i))
			}
		}
	}
	if math.IsNaN(st.QLoss) || math.IsNaN(st.ActorLoss) || a.Updates() != 1 {
		t.Fatalf("stats %+v after %d updates", st, a.Updates())
	}
}

func TestOptionsValidation(t *testing.T) {
	for _, c := range []struct {
		name string
		o    Options
	}{
		{"gamma ≥ 1", Options{Gamma: 1}},
		{"negative tau", Options{Tau: -0.1}},
		{"negative lr", Options{ActorLR: -1}},
		{"negative batch", Options{Batch: -1}},
		{"log-std bounds", Options{LogStdMin: 3, LogStdMax: 2}},
		{"negative clip", Options{ClipNorm: -1}},
	} {
		if _, err := New(2, 1, c.o); err == nil {
			t.Errorf("%s: no error", c.name)
		}
	}
	if _, err := New(0, 1, Options{}); err == nil {
		t.Error("zero observation dimension: no error")
	}
	a, err := New(3, 2, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if o := a.Options(); o.Gamma != 0.99 || o.Batch != 256 || o.TargetEntropy != -2 || len(o.Hidden) != 2 {
		t.Errorf("defaults %+v", o)
	}
}

// perturbTargets shifts every target parameter so that the targets differ from the critics and
// from each other.
func perturbTargets(a *Agent) {
	for k := range a.qt {
		for i := range a.qt[k].Params() {
			a.qt[k].SetParam(i, a.qt[k].Param(i)+0.05*float64((i+3*k)%7-3))
		}
	}
}

// TestPolyakDirection checks θ̄ ← τθ + (1 − τ)θ̄ after one Update with τ = 0.25: the targets move a
// quarter of the way towards the updated critics (τ = 1, as in TestTargetsFollowCritics, cannot tell
// the direction apart).
func TestPolyakDirection(t *testing.T) {
	a, err := New(2, 1, Options{Hidden: []int{4}, Tau: 0.25, Batch: 4, Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	perturbTargets(a)
	old := [2][]float64{}
	for k := range a.qt {
		for i := range a.qt[k].Params() {
			old[k] = append(old[k], a.qt[k].Param(i))
		}
	}
	buf := NewReplay(8, 2, 1)
	buf.Add(Transition{Obs: []float64{1, 2}, Action: []float64{0.5}, Reward: 1, Next: []float64{0, 1}})
	a.Update(buf)
	for k := range a.q {
		for i := range a.q[k].Params() {
			if want := 0.25*a.q[k].Param(i) + 0.75*old[k][i]; a.qt[k].Param(i) != want {
				t.Fatalf("target %d param %d = %v, want 0.25·critic + 0.75·old target = %v", k, i, a.qt[k].Param(i), want)
			}
		}
	}
}

// TestCriticTarget checks the critics' regression target on a one-transition minibatch,
// y = r + γ(1 − done)(min_k Q̄_k(s', a') − α log π(a'|s')), a' ~ π(·|s'): the loss Update reports is
// mean_k ½(Q_k(s, a) − y)² with Q_k before the step. The sample a' is reproduced from the agent's
// generator (one index draw, then the actor's noise).
func TestCriticTarget(t *testing.T) {
	for _, done := range []bool{false, true} {
		const seed = 21
		a, err := New(2, 1, Options{Hidden: []int{6}, Batch: 1, Gamma: 0.9, InitAlpha: 0.5, Seed: seed})
		if err != nil {
			t.Fatal(err)
		}
		perturbTargets(a)
		tr := Transition{Obs: []float64{0.3, -1}, Action: []float64{-0.4}, Reward: 0.7, Next: []float64{1.2, 0.5}, Done: done}
		draw := rng.New(seed, streamAgent)
		draw.IntN(1)
		next, logp := a.actor.Sample(tr.Next, draw, nil)
		x := append(append([]float64(nil), tr.Next...), next...)
		q1, q2 := a.qt[0].Forward(x, nil)[0], a.qt[1].Forward(x, nil)[0]
		if math.Abs(q1-q2) < 1e-3 {
			t.Fatalf("targets too close (%v, %v) to tell min from max", q1, q2)
		}
		y := tr.Reward
		if !done {
			y += 0.9 * (math.Min(q1, q2) - 0.5*logp)
		}
		xs := append(append([]float64(nil), tr.Obs...), tr.Action...)
		want := 0.0
		for k := range a.q {
			d := a.q[k].Forward(xs, nil)[0] - y
			want += 0.25 * d * d // ½ d², averaged over the two critics
		}
		buf := NewReplay(4, 2, 1)
		buf.Add(tr)
		if got := a.Update(buf).QLoss; math.Abs(got-want) > 1e-12*math.Max(1, want) {
			t.Errorf("done=%v: critic loss %.15g, want %.15g (target y = %g)", done, got, want, y)
		}
	}
}
