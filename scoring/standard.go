package scoring

import (
	"strconv"
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
	scores := s.Scores(now)
	if len(scores) == 0 {
		return ""
	}
	rows := map[key]int{} // row of each (cluster, dimension), in order of first appearance
	var keys []key
	var vals []float64 // rows × columns
	var set []bool
	for _, sc := range scores {
		k := key{sc.Cluster, sc.Dimension}
		r, ok := rows[k]
		if !ok {
			r = len(keys)
			rows[k] = r
			keys = append(keys, k)
			vals = append(vals, make([]float64, len(scoreNames))...)
			set = append(set, make([]bool, len(scoreNames))...)
		}
		for j, n := range scoreNames {
			if n == sc.ScoreName {
				vals[r*len(scoreNames)+j], set[r*len(scoreNames)+j] = sc.Value, true
			}
		}
	}
	order := make([]int, len(keys))
	for i := range order {
		order[i] = i
	}
	sortKeys := func(a, b key) int {
		if c := strings.Compare(a.cluster, b.cluster); c != 0 {
			return c
		}
		return strings.Compare(a.dim, b.dim)
	}
	for i := 1; i < len(order); i++ { // insertion sort: a few dozen rows
		for j := i; j > 0 && sortKeys(keys[order[j-1]], keys[order[j]]) > 0; j-- {
			order[j-1], order[j] = order[j], order[j-1]
		}
	}
	var b []byte
	b = append(b, "cluster | node or score | "+strings.Join(scoreNames, " | ")+"\n"...)
	for _, r := range order {
		k := keys[r]
		b = append(append(append(b, k.cluster...), " | "...), k.dim...)
		for j := range scoreNames {
			if set[r*len(scoreNames)+j] {
				b = strconv.AppendFloat(append(b, " | "...), vals[r*len(scoreNames)+j], 'f', 0, 64) // as fmt's %.0f
			} else {
				b = append(b, " | -"...)
			}
		}
		b = append(b, '\n')
	}
	return string(b)
}

// StandardScores are the score names of StandardHub, in its order.
func StandardScores() []string {
	return []string{UtilisationScore, SpareCapacityScore, ThroughputPerWattScore, PowerForecastScore}
}
