package scoring

import (
	"context"

	"github.com/airansim/airansim/telemetry"
)

// Names of the built-in scorers (Config.Name) and of their scores (Config.Scoring.Params.Name).
const (
	UtilisationName        = "utilisation"
	SpareCapacityName      = "spare-capacity"
	ThroughputPerWattName  = "throughput-per-watt"
	PowerForecastName      = "power-forecast"
	UtilisationScore       = "utilisation"
	SpareCapacityScore     = "spare_capacity"
	ThroughputPerWattScore = "throughput_per_watt"
	PowerForecastScore     = "power_forecast"
)

// UtilisationOptions configures the utilisation scorer. The zero value works.
type UtilisationOptions struct {
	Window
	Metric string // Utilisation metric, fraction 0..1; default MetricGPUUtilisation.
}

// Utilisation scores how busy each node was over the window:
//
//	score(node) = 100 · mean over the window of clamp(u, 0, 1)
//
// where u are the node's finite samples of the metric: 0 for an idle node, 100 for a saturated one.
// A node without samples gets no score. Results are labelled {"node": name}.
type Utilisation struct{ o UtilisationOptions }

// NewUtilisation returns the utilisation scorer.
func NewUtilisation(o UtilisationOptions) *Utilisation {
	o.Window = o.Window.withDefaults()
	if o.Metric == "" {
		o.Metric = MetricGPUUtilisation
	}
	return &Utilisation{o}
}

// Config returns the declared configuration.
func (u *Utilisation) Config() Config {
	return builtinConfig(UtilisationName, "Mean utilisation of each node over the window, 0 (idle) to 100 (saturated)",
		UtilisationScore, u.o.Metric, u.o.Window)
}

// Score returns one score per node.
func (u *Utilisation) Score(_ context.Context, data telemetry.Matrix) ([]Result, error) {
	ws := byNode(data)
	return results(u.scoreWindow(ws, make([]result, 0, len(ws)), nil)), nil
}

func (u *Utilisation) scoreWindow(ws []nodeWindow, out []result, _ *[]telemetry.Sample) []result {
	for _, w := range ws {
		if m, ok := w.mean(u.o.Metric, unit); ok {
			out = append(out, result{node: w.node, score: 100 * m})
		}
	}
	return out
}

// SpareCapacityOptions configures the spare-capacity scorer. The zero value works.
type SpareCapacityOptions struct {
	Window
	Metrics []string // Utilisation metrics, fractions 0..1; default GPU and CPU utilisation.
}

// SpareCapacity scores the capacity each node had left at its busiest, on its tightest resource:
//
//	spare(node) = 1 − max over metrics m of max over the window of clamp(u_m, 0, 1)
//	score(node) = 200 · spare − 100
//
// so −100 when some resource was saturated at some point of the window and +100 when the node was
// idle throughout. Metrics missing on a node are left out; a node with none gets no score.
type SpareCapacity struct{ o SpareCapacityOptions }

// NewSpareCapacity returns the spare-capacity scorer.
func NewSpareCapacity(o SpareCapacityOptions) *SpareCapacity {
	o.Window = o.Window.withDefaults()
	if len(o.Metrics) == 0 {
		o.Metrics = []string{MetricGPUUtilisation, MetricCPUUtilisation}
	}
	return &SpareCapacity{o}
}

// Config returns the declared configuration.
func (s *SpareCapacity) Config() Config {
	return builtinConfig(SpareCapacityName, "Capacity left at the busiest point of the window on the tightest resource, -100 (none) to 100 (idle)",
		SpareCapacityScore, joinQuery(s.o.Metrics), s.o.Window)
}

// Score returns one score per node.
func (s *SpareCapacity) Score(_ context.Context, data telemetry.Matrix) ([]Result, error) {
	ws := byNode(data)
	return results(s.scoreWindow(ws, make([]result, 0, len(ws)*s.perNode()), nil)), nil
}

func (s *SpareCapacity) scoreWindow(ws []nodeWindow, out []result, _ *[]telemetry.Sample) []result {
	for _, w := range ws {
		worst, found := 0.0, false
		for _, m := range s.o.Metrics {
			if p, ok := w.peak(m); ok {
				worst, found = max(worst, clamp(p, 0, 1)), true
			}
		}
		if found {
			out = append(out, result{node: w.node, score: 200*(1-worst) - 100})
		}
	}
	return out
}

func joinQuery(ms []string) string {
	q := ""
	for i, m := range ms {
		if i > 0 {
			q += ";"
		}
		q += m
	}
	return q
}

// unit clamps a utilisation to [0, 1].
func unit(v float64) float64 { return clamp(v, 0, 1) }

// perNode is the most results per node of the window.
func (*SpareCapacity) perNode() int { return 1 }
