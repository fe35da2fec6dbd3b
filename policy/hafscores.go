package policy

import (
	"context"
	"fmt"

	"github.com/airansim/airansim/allocator"
	"github.com/airansim/airansim/critic"
	"github.com/airansim/airansim/policy/haf"
	"github.com/airansim/airansim/scoring"
	"github.com/airansim/airansim/sim"
	"github.com/airansim/airansim/telemetry"
)

// MethodHAFScores is HAF whose agent also reads the dynamic-scoring framework's scores: the
// scoring.StandardHub of every managed cluster, on the run's telemetry, as a "Scores" table appended
// to the prompt (agent.Query.Notes), and the scores critic (critic.WithScores), whose features
// include the source and destination nodes' scores at the epoch. Without telemetry it is haf (the
// embedded critic, no notes).
const MethodHAFScores = "haf+scores"

// HAFScoresCapW is the per-cluster power cap of haf+scores' power-forecast score, W: the cap of the
// AITRAS scenario's experiment (experiments/scoring's --cap-w default).
const HAFScoresCapW = 1000

// ScoreNotes runs a scoring hub on a run's telemetry and renders its valid scores as prompt lines.
// It is built on the first call, from the snapshot's clusters.
type ScoreNotes struct {
	Telemetry *telemetry.Recorder     // the run's telemetry (required)
	Options   scoring.StandardOptions // the hub's options
	hub       *scoring.Hub
}

// Hub returns the hub, nil before the first Notes call.
func (n *ScoreNotes) Hub() *scoring.Hub { return n.hub }

// HAFScoresOptions returns the options of haf+scores' scoring hub for placement interval Δ, s: the
// built-ins' windows evaluated every Δ, the power forecast Δ ahead against HAFScoresCapW.
// experiments/traincritic --scores records the scores critic's features with them.
func HAFScoresOptions(interval float64) scoring.StandardOptions {
	return scoring.StandardOptions{Window: scoring.Window{Interval: interval}, CapW: HAFScoresCapW, Horizon: interval}
}

// Store builds the hub (first call, from the snapshot's clusters), advances it to the snapshot's
// time and returns its store.
func (n *ScoreNotes) Store(ctx context.Context, s *sim.Snapshot) (*scoring.Store, error) {
	if n.hub == nil {
		cs := make([]scoring.Cluster, len(s.Clusters))
		for i, c := range s.Clusters {
			cs[i] = scoring.Cluster{Name: c.Name, Labels: c.Labels}
		}
		h, err := scoring.StandardHub(n.Telemetry, cs, n.Options)
		if err != nil {
			return nil, err
		}
		n.hub = h
	}
	if err := n.hub.Advance(ctx, s.Time); err != nil {
		return nil, err
	}
	return n.hub.Store(), nil
}

// Notes advances the hub to the snapshot's time and returns "Scores (…):" and the table of the
// scores valid then, or "" when none is.
func (n *ScoreNotes) Notes(ctx context.Context, s *sim.Snapshot) (string, error) {
	st, err := n.Store(ctx, s)
	if err != nil {
		return "", err
	}
	t := st.Table(s.Time, scoring.StandardScores())
	if t == "" {
		return "", nil
	}
	return "Scores (dynamic scoring framework, each in [-100, 100]: utilisation 100 = saturated; spare_capacity 100 = idle; throughput_per_watt 100 = 1 request/J; power_forecast = headroom under the cluster's power cap, negative = over it):\n" + t, nil
}

// newHAFScores is haf+scores: HAF (the options' agent) with ScoreNotes on the run's telemetry
// (study.Spec.Telemetry) and the scores critic (critic.WithScores) reading the same hub's store at
// each epoch (Options.Critic, if set, replaces it). Without telemetry there are no scores: the
// prompt and the critic are HAF's and the method is haf.
func newHAFScores(o Options) (Method, error) {
	n := &ScoreNotes{Telemetry: o.Telemetry, Options: HAFScoresOptions(o.interval())}
	c := o.Critic
	if c == nil {
		load := critic.Default
		if o.Telemetry != nil {
			load = critic.WithScores
		}
		d, err := load()
		if err != nil {
			return Method{}, fmt.Errorf("policy: %s: %w", MethodHAFScores, err)
		}
		c = d
		if o.Telemetry != nil {
			c = critic.Scored{Critic: d, Source: func() critic.ScoreSource {
				if h := n.Hub(); h != nil {
					return h.Store()
				}
				return nil
			}}
		}
	}
	ho := haf.Options{Agent: o.agent(), Critic: c, ChargeLatency: o.ChargeDecisionLatency}
	if o.Telemetry != nil {
		ho.Notes = n.Notes
	}
	p, err := haf.New(o.interval(), ho)
	m, err := o.method(MethodHAFScores, p, err, allocator.HAF{})
	return m, err
}
