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
// to the prompt (agent.Query.Notes). The critic is HAF's (its features do not include scores:
// docs/scoring.md §HAF with scores says what adding them needs).
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

// Notes advances the hub to the snapshot's time and returns "Scores (…):" and the table of the
// scores valid then, or "" when none is.
func (n *ScoreNotes) Notes(ctx context.Context, s *sim.Snapshot) (string, error) {
	if n.hub == nil {
		cs := make([]scoring.Cluster, len(s.Clusters))
		for i, c := range s.Clusters {
			cs[i] = scoring.Cluster{Name: c.Name, Labels: c.Labels}
		}
		h, err := scoring.StandardHub(n.Telemetry, cs, n.Options)
		if err != nil {
			return "", err
		}
		n.hub = h
	}
	if err := n.hub.Advance(ctx, s.Time); err != nil {
		return "", err
	}
	t := n.hub.Store().Table(s.Time, scoring.StandardScores())
	if t == "" {
		return "", nil
	}
	return "Scores (dynamic scoring framework, each in [-100, 100]: utilisation 100 = saturated; spare_capacity 100 = idle; throughput_per_watt 100 = 1 request/J; power_forecast = headroom under the cluster's power cap, negative = over it):\n" + t, nil
}

// newHAFScores is haf+scores: HAF (embedded critic, the options' agent) with ScoreNotes on the
// run's telemetry (study.Spec.Telemetry). Without telemetry there are no scores, the prompt is
// HAF's and the method is haf.
func newHAFScores(o Options) (Method, error) {
	c := o.Critic
	if c == nil {
		d, err := critic.Default()
		if err != nil {
			return Method{}, fmt.Errorf("policy: %s: %w", MethodHAFScores, err)
		}
		c = d
	}
	n := &ScoreNotes{Telemetry: o.Telemetry, Options: scoring.StandardOptions{
		Window: scoring.Window{Interval: o.interval()}, CapW: HAFScoresCapW, Horizon: o.interval()}}
	ho := haf.Options{Agent: o.agent(), Critic: c, ChargeLatency: o.ChargeDecisionLatency}
	if o.Telemetry != nil {
		ho.Notes = n.Notes
	}
	p, err := haf.New(o.interval(), ho)
	m, err := o.method(MethodHAFScores, p, err, allocator.HAF{})
	return m, err
}
