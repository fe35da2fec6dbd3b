package scoring_test

import (
	"context"
	"fmt"
	"os"

	"github.com/airansim/airansim/scoring"
	"github.com/airansim/airansim/telemetry"
)

// rampSource is a stand-in for the node telemetry: two nodes per cluster whose GPU utilisation
// is 0.25 and 0.75 at every step.
type rampSource struct{}

func (rampSource) Query(metric string, match map[string]string, start, end, step float64) (telemetry.Matrix, error) {
	var m telemetry.Matrix
	for i, u := range []float64{0.25, 0.75} {
		s := telemetry.Series{Metric: map[string]string{"__name__": metric, "cluster": match["cluster"], "node": fmt.Sprintf("n%d", i)}}
		for t := max(start, 0); t <= end; t += step {
			s.Values = append(s.Values, telemetry.Sample{T: t, V: u})
		}
		m = append(m, s)
	}
	return m, nil
}

// A scenario's scoring section overrides the declared interval and dimension format, a label rule
// keeps the scorer off the cluster without GPU, and one interval of simulated time fills the store.
func Example() {
	sec, err := scoring.ParseSection([]byte(`{
		"scorers": [{"name": "utilisation", "interval": 10, "dimensionFormat": "${node}"}],
		"rules": [{"scoreName": "utilisation", "clusterSelector": {"gpu": "true"}}]}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	specs, err := sec.Specs([]scoring.Scorer{scoring.NewUtilisation(scoring.UtilisationOptions{})})
	if err != nil {
		fmt.Println(err)
		return
	}
	clusters := []scoring.Cluster{{Name: "core", Labels: map[string]string{"gpu": "true"}}, {Name: "edge"}}
	as, err := scoring.Distribute(clusters, specs, nil, sec.Rules)
	if err != nil {
		fmt.Println(err)
		return
	}
	hub, err := scoring.NewHub(rampSource{}, as, scoring.AgentOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	hub.Advance(context.Background(), 10)
	hub.Store().Dump(os.Stdout)
	v, ok := hub.Store().Value("core", "utilisation", "n1", 25)
	fmt.Println(v, ok, hub.Stats()[0].Calls)
	// Output:
	// cluster,score_name,dimension,value,time_s,valid_until_s
	// core,utilisation,n0,25,10,30
	// core,utilisation,n1,75,10,30
	// 75 true 1
}
