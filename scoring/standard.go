package scoring

import (
	"fmt"
	"strings"
)

// StandardOptions configures StandardHub. The zero value works.
type StandardOptions struct {
	Window Window  // interval, range and step of every scorer; zero fields: the built-ins' defaults (5, 60, 5 s)
	CapW   float64 // power cap of one cluster for the power forecast, W; 0: the scorer's default, 5000
	// Horizon is the power forecast's lead time, s; 0: the scorer's default, 300. Use the placement
	// interval to forecast the next epoch.
	Horizon float64
	Agents  AgentOptions // agent start and clock
}

// StandardHub returns a hub running the four built-in scorers on every cluster: utilisation,
// spare capacity and throughput per watt per node (dimension "${node}"), and the power forecast of
// the cluster's total power against CapW (dimension "${scoreName}", one score per cluster), reading
// windows from src. It is the score set of policy's haf+scores and of experiments/scoring.
func StandardHub(src Source, clusters []Cluster, o StandardOptions) (*Hub, error) {
	pf, err := NewPowerForecast(PowerForecastOptions{Window: o.Window, CapW: o.CapW, Horizon: o.Horizon, Candidates: []Candidate{{Name: "current"}}})
	if err != nil {
		return nil, err
	}
	scorers := []struct {
		sc  Scorer
		dim string
	}{
		{NewUtilisation(UtilisationOptions{Window: o.Window}), "${node}"},
		{NewSpareCapacity(SpareCapacityOptions{Window: o.Window}), "${node}"},
		{NewThroughputPerWatt(ThroughputPerWattOptions{Window: o.Window}), "${node}"},
		{pf, "${scoreName}"},
	}
	specs := make([]Spec, len(scorers))
	for i, s := range scorers {
		if specs[i], err = NewSpec(s.sc, Override{DimensionFormat: s.dim}); err != nil {
			return nil, err
		}
	}
	as, err := Distribute(clusters, specs, nil, nil)
	if err != nil {
		return nil, err
	}
	return NewHub(src, as, o.Agents)
}

// Table renders the scores valid at now (s) as text for a prompt: one line per cluster and
// dimension, the score names as columns in the order given ("-" where a score is missing or
// expired), sorted by cluster then dimension. Without any valid score it returns "".
func (s *Store) Table(now float64, scoreNames []string) string {
	type key struct{ cluster, dim string }
	vals := map[key]map[string]float64{}
	var keys []key
	for _, sc := range s.Scores(now) {
		k := key{sc.Cluster, sc.Dimension}
		if vals[k] == nil {
			vals[k] = map[string]float64{}
			keys = append(keys, k)
		}
		vals[k][sc.ScoreName] = sc.Value
	}
	if len(keys) == 0 {
		return ""
	}
	sortKeys := func(a, b key) int {
		if c := strings.Compare(a.cluster, b.cluster); c != 0 {
			return c
		}
		return strings.Compare(a.dim, b.dim)
	}
	for i := 1; i < len(keys); i++ { // insertion sort: a few dozen rows
		for j := i; j > 0 && sortKeys(keys[j-1], keys[j]) > 0; j-- {
			keys[j-1], keys[j] = keys[j], keys[j-1]
		}
	}
	var b strings.Builder
	b.WriteString("cluster | node or score | " + strings.Join(scoreNames, " | ") + "\n")
	for _, k := range keys {
		b.WriteString(k.cluster + " | " + k.dim)
		for _, n := range scoreNames {
			if v, ok := vals[k][n]; ok {
				fmt.Fprintf(&b, " | %.0f", v)
			} else {
				b.WriteString(" | -")
			}
		}
		b.WriteString("\n")
	}
	return b.String()
}

// StandardScores are the score names of StandardHub, in its order.
func StandardScores() []string {
	return []string{UtilisationScore, SpareCapacityScore, ThroughputPerWattScore, PowerForecastScore}
}
