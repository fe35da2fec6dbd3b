package scenario_test

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/airansim/airansim/scenario"
	"github.com/airansim/airansim/sim"
)

func TestClustersInvalid(t *testing.T) {
	cl := func(c string) string { return `,"clusters":[` + c + `]` }
	for _, tc := range []struct{ name, extra, want string }{
		{"empty section", cl(``), "clusters: at least one cluster"},
		{"empty name", cl(`{"name":"","nodes":["ric","cu","du"]}`), `clusters[0]: name "" must be a DNS label`},
		{"upper case", cl(`{"name":"Edge","nodes":["ric","cu","du"]}`), `clusters[0]: name "Edge" must be a DNS label`},
		{"trailing dash", cl(`{"name":"edge-","nodes":["ric","cu","du"]}`), `clusters[0]: name "edge-" must be a DNS label`},
		{"too long", cl(`{"name":"` + strings.Repeat("a", 64) + `","nodes":["ric","cu","du"]}`), `must be a DNS label`},
		{"duplicate", cl(`{"name":"a","nodes":["ric"]},{"name":"a","nodes":["cu","du"]}`), `clusters[1]: name "a" duplicate`},
		{"no nodes", cl(`{"name":"a","nodes":[]},{"name":"b","nodes":["ric","cu","du"]}`), "clusters[0] (a): nodes: at least one node"},
		{"unknown node", cl(`{"name":"a","nodes":["ric","cu","du","x"]}`), `clusters[0] (a): nodes: "x" is not a node of the scenario`},
		{"node twice", cl(`{"name":"a","nodes":["ric","cu"]},{"name":"b","nodes":["du","cu"]}`), `clusters[1] (b): nodes: "cu" is already in cluster a`},
		{"node in none", cl(`{"name":"a","nodes":["ric","cu"]}`), `clusters: node "du" is in no cluster`},
		{"empty label key", cl(`{"name":"a","nodes":["ric","cu","du"],"labels":{"":"x"}}`), "clusters[0] (a): labels: empty key"},
		{"unknown key", cl(`{"name":"a","nodes":["ric","cu","du"],"claims":{}}`), `unknown field "claims"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := parseThree("", tc.extra)
			if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), "s.json") || !errors.Is(err, scenario.ErrInvalid) {
				t.Fatalf("got %v, want ErrInvalid naming s.json and %q", err, tc.want)
			}
		})
	}
}

// TestClustersBuild checks that the clusters reach the engine: none gives the engine's default, and
// a section gives its clusters by node index, which the run reports per node.
func TestClustersBuild(t *testing.T) {
	for _, tc := range []struct {
		name, extra string
		want        []sim.ClusterSpec // the run's clusters
	}{
		{"absent", "", []sim.ClusterSpec{{Name: sim.DefaultCluster, Nodes: []int{0, 1, 2}}}},
		{"two", `,"clusters":[{"name":"edge","nodes":["du","cu"],"labels":{"gpu":"true"}},{"name":"core","nodes":["ric"]}]`,
			[]sim.ClusterSpec{{Name: "edge", Labels: map[string]string{"gpu": "true"}, Nodes: []int{1, 2}}, {Name: "core", Nodes: []int{0}}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := buildThree(t, "", tc.extra, scenario.BuildOptions{Requests: 10})
			b.Config.Allocator = noAlloc{}
			s, err := sim.New(b.Config)
			if err != nil {
				t.Fatal(err)
			}
			if got := s.Clusters(); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("clusters %+v, want %+v", got, tc.want)
			}
			for k, c := range tc.want {
				for _, n := range c.Nodes {
					if s.ClusterOf(n) != k {
						t.Errorf("node %d (%s): cluster %d, want %d (%s)", n, b.Nodes[n], s.ClusterOf(n), k, c.Name)
					}
				}
			}
		})
	}
}

// noAlloc allocates nothing (the test only builds the run).
type noAlloc struct{}

func (noAlloc) Allocate(float64, []sim.Demand, []float64) bool { return true }
