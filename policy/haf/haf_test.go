package haf_test

import (
	"context"
	"errors"
	"math"
	"strconv"
	"testing"

	"github.com/airansim/airansim/agent"
	"github.com/airansim/airansim/allocator"
	"github.com/airansim/airansim/policy/haf"
	"github.com/airansim/airansim/scenario"
	"github.com/airansim/airansim/sim"
)

// paperSim returns the default scenario at ρ = 1 with n requests, run until t.
func paperSim(t *testing.T, n int, until float64, p sim.Controller) *sim.Sim {
	t.Helper()
	b, err := scenario.Default().Build(scenario.BuildOptions{Load: 1, Requests: n, Seed: 5})
	if err != nil {
		t.Fatal(err)
	}
	b.Config.Allocator = allocator.HAF{}
	if p != nil {
		b.Config.Controllers = []sim.ControllerSpec{{Controller: p, Period: b.Epoch}}
	}
	s, err := sim.New(b.Config)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.RunUntil(context.Background(), until); err != nil {
		t.Fatal(err)
	}
	return s
}

// TestCandidatesAreExactlyTheFeasibleMoves compares M_k with the engine's own feasibility check on
// every (instance, node) pair, with and without an eligibility filter.
func TestCandidatesAreExactlyTheFeasibleMoves(t *testing.T) {
	s := paperSim(t, 3000, 12, nil)
	s.Apply(sim.Migrate{Instance: 12, To: 1}) // one instance reconfiguring: not a candidate
	snap := s.Snapshot()
	for _, eligible := range [][]sim.Category{nil, {sim.LargeAI}} {
		cs := haf.Candidates(snap, eligible)
		if !cs[0].NoOp() || cs[0].ID != agent.NoOpID {
			t.Fatalf("first candidate %v, want the no-op", cs[0])
		}
		want := 1
		for i, in := range snap.Instances {
			for n := range snap.Nodes {
				ok := s.Check(sim.Migrate{Instance: i, To: n}) == nil
				if ok && (eligible == nil || in.Category == sim.LargeAI) {
					want++
					if !has(cs, i, n) {
						t.Errorf("feasible move %d→%d missing", i, n)
					}
				} else if has(cs, i, n) {
					t.Errorf("infeasible or ineligible move %d→%d listed", i, n)
				}
			}
		}
		if len(cs) != want {
			t.Errorf("%d candidates, want %d", len(cs), want)
		}
		for k, c := range cs[1:] {
			if c.ID != "m"+strconv.Itoa(k+1) {
				t.Errorf("candidate %d has id %s", k+1, c.ID)
			}
		}
	}
}

func has(cs []agent.Candidate, i, n int) bool {
	for _, c := range cs {
		if c.Instance == i && c.To == n {
			return true
		}
	}
	return false
}

// fixedAgent always answers the same shortlist.
type fixedAgent []string

func (fixedAgent) Name() string { return "fixed" }
func (a fixedAgent) Shortlist(context.Context, *agent.Query) (agent.Reply, error) {
	return agent.Reply{Shortlist: a}, nil
}

// tableCritic predicts from a table by candidate identifier.
type tableCritic map[string]float64

func (c tableCritic) Predict(_ *sim.Snapshot, cand agent.Candidate, _ float64) [sim.Groups]float64 {
	v := c[cand.ID]
	return [sim.Groups]float64{v, v, v}
}

func TestSelection(t *testing.T) {
	s := paperSim(t, 3000, 5, nil)
	snap := s.Snapshot()
	cs := haf.Candidates(snap, nil)
	m1, m2 := cs[1], cs[2]
	tests := []struct {
		name   string
		critic haf.Critic
		want   int // index into cs; 0 = no migration
	}{
		{"no critic commits the first", nil, 2},
		{"critic picks the best", tableCritic{"m0": 0.5, m1.ID: 0.9, m2.ID: 0.7}, 1},
		{"no-op wins when better", tableCritic{"m0": 0.95, m1.ID: 0.9, m2.ID: 0.7}, 0},
		{"no-op wins ties", tableCritic{"m0": 0.9, m1.ID: 0.9, m2.ID: 0.9}, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := must(haf.New(5, haf.Options{Agent: fixedAgent{m2.ID, m1.ID}, Critic: tc.critic}))
			ms, err := p.Decide(context.Background(), snap, nil)
			if err != nil {
				t.Fatal(err)
			}
			if tc.want == 0 {
				if len(ms) != 0 {
					t.Fatalf("got %v, want no migration", ms)
				}
				return
			}
			want, _ := cs[tc.want].Migration()
			if len(ms) != 1 || ms[0] != want {
				t.Fatalf("got %v, want %v", ms, want)
			}
		})
	}
}

// TestLookaheadIsBestRealised checks at one epoch that the lookahead's choice has the best realised value
// among all candidates, by rolling each forward independently.
func TestLookaheadIsBestRealised(t *testing.T) {
	s := paperSim(t, 4000, 10, nil)
	snap := s.Snapshot()
	o := must(haf.NewLookahead(5, nil, [sim.Groups]float64{}))
	ms, err := o.Decide(context.Background(), snap, s)
	if err != nil {
		t.Fatal(err)
	}
	chosen, err := s.Rollout(context.Background(), ms, 5)
	if err != nil {
		t.Fatal(err)
	}
	v := haf.Realised(chosen, [sim.Groups]float64{1, 1, 1})
	for _, c := range haf.Candidates(snap, nil) {
		var cm sim.Plan
		if m, ok := c.Migration(); ok {
			cm = sim.Plan{m}
		}
		out, err := s.Rollout(context.Background(), cm, 5)
		if err != nil {
			t.Fatal(err)
		}
		if r := haf.Realised(out, [sim.Groups]float64{1, 1, 1}); r > v+1e-12 {
			t.Fatalf("%v realises %v > the lookahead's %v", c, r, v)
		}
	}
}

// TestInvariantsWithPlacement runs HAF with the random agent (many migrations) and the oracle and
// checks the engine's invariants after every event and that every request ends exactly once.
func TestInvariantsWithPlacement(t *testing.T) {
	for _, p := range []sim.Controller{
		must(haf.New(5, haf.Options{Agent: agent.NewRandom(3)})),
		must(haf.NewLookahead(5, nil, [sim.Groups]float64{})),
	} {
		t.Run(p.Name(), func(t *testing.T) {
			b, err := scenario.Default().Build(scenario.BuildOptions{Load: 1.25, Requests: 3000, Seed: 9})
			if err != nil {
				t.Fatal(err)
			}
			seen := map[int64]int{}
			b.Config.Allocator = allocator.HAF{}
			b.Config.Controllers = []sim.ControllerSpec{{Controller: p, Period: b.Epoch}}
			b.Config.Sink = sinkFunc(func(r sim.Record) { seen[r.ID]++ })
			var fail error
			b.Config.AfterEvent = func(s *sim.Sim) {
				if fail == nil {
					fail = s.CheckInvariants()
				}
			}
			s, err := sim.New(b.Config)
			if err != nil {
				t.Fatal(err)
			}
			st, err := s.Run(context.Background())
			if err != nil || fail != nil {
				t.Fatal(err, fail)
			}
			if len(seen) != 3000 || st.MigrationsTotal() == 0 {
				t.Fatalf("%d requests recorded, %d migrations", len(seen), st.MigrationsTotal())
			}
			for id, n := range seen {
				if n != 1 {
					t.Fatalf("request %d recorded %d times", id, n)
				}
			}
		})
	}
}

type sinkFunc func(sim.Record)

func (f sinkFunc) Record(r sim.Record) { f(r) }

// must returns v, panicking on err: for constructors whose arguments the test fixes.
func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// TestNewRejectsBadOptions: every out-of-range argument is an ErrOptions error, not a panic.
func TestNewRejectsBadOptions(t *testing.T) {
	ag := agent.NewRandom(1)
	tests := []struct {
		name     string
		interval float64
		o        haf.Options
	}{
		{"no agent", 5, haf.Options{}},
		{"zero interval", 0, haf.Options{Agent: ag}},
		{"NaN interval", math.NaN(), haf.Options{Agent: ag}},
		{"infinite interval", math.Inf(1), haf.Options{Agent: ag}},
		{"negative K", 5, haf.Options{Agent: ag, K: -1}},
		{"negative weight", 5, haf.Options{Agent: ag, Weights: [sim.Groups]float64{1, -1, 1}}},
		{"NaN weight", 5, haf.Options{Agent: ag, Weights: [sim.Groups]float64{math.NaN(), 1, 1}}},
	}
	for _, tc := range tests {
		if p, err := haf.New(tc.interval, tc.o); !errors.Is(err, haf.ErrOptions) || p != nil {
			t.Errorf("%s: New = %v, %v; want nil and an ErrOptions error", tc.name, p, err)
		}
		if tc.o.Agent == nil || tc.o.K != 0 {
			continue // the oracle has no agent and no K
		}
		if o, err := haf.NewLookahead(tc.interval, nil, tc.o.Weights); !errors.Is(err, haf.ErrOptions) || o != nil {
			t.Errorf("%s: NewLookahead = %v, %v; want nil and an ErrOptions error", tc.name, o, err)
		}
	}
	if p, err := haf.New(5, haf.Options{Agent: ag}); err != nil || p.Name() != haf.NoCriticName {
		t.Errorf("valid options: %v, %v", p, err)
	}
}
