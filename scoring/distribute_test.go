package scoring

import (
	"strings"
	"testing"
)

func TestDistribute(t *testing.T) {
	clusters := []Cluster{
		{Name: "core", Labels: map[string]string{"gpu": "true", "site": "dc"}},
		{Name: "edge-1", Labels: map[string]string{"gpu": "false"}},
		{Name: "edge-2"},
	}
	var specs []Spec
	for _, n := range []string{"power", "util", "spare"} {
		s, err := Resolve(testConfig(n), Override{})
		if err != nil {
			t.Fatal(err)
		}
		specs = append(specs, s)
	}
	names := func(a Assignment) string {
		var ns []string
		for _, s := range a.Specs {
			ns = append(ns, s.ScoreName)
		}
		return a.Cluster + ":" + strings.Join(ns, ",")
	}
	for _, tc := range []struct {
		name  string
		masks []Mask
		rules []Rule
		want  string // assignments joined by " "
		err   string
	}{
		{name: "everything everywhere", want: "core:power_score,util_score,spare_score edge-1:power_score,util_score,spare_score edge-2:power_score,util_score,spare_score"},
		{name: "mask", masks: []Mask{{ClusterName: "edge-2", ScoreName: "util_score"}},
			want: "core:power_score,util_score,spare_score edge-1:power_score,util_score,spare_score edge-2:power_score,spare_score"},
		{name: "no GPU scorer without a GPU", rules: []Rule{{ScoreName: "power_score", ClusterSelector: map[string]string{"gpu": "true"}}},
			want: "core:power_score,util_score,spare_score edge-1:util_score,spare_score edge-2:util_score,spare_score"},
		{name: "rules add up", rules: []Rule{{ScoreName: "spare_score", ClusterSelector: map[string]string{"gpu": "true"}}, {ScoreName: "spare_score", ClusterSelector: map[string]string{"site": "edge"}}},
			want: "core:power_score,util_score edge-1:power_score,util_score edge-2:power_score,util_score"},
		{name: "mask of unknown cluster", masks: []Mask{{ClusterName: "edge-3", ScoreName: "util_score"}}, err: `masks[0]: key "clusterName": unknown cluster "edge-3"`},
		{name: "mask of unknown score", masks: []Mask{{ClusterName: "core", ScoreName: "util"}}, err: `masks[0]: key "scoreName": unknown score "util"`},
		{name: "rule of unknown score", rules: []Rule{{ScoreName: "x", ClusterSelector: map[string]string{"a": "b"}}}, err: `rules[0]: key "scoreName"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			as, err := Distribute(clusters, specs, tc.masks, tc.rules)
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("got %v, want %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, a := range as {
				got = append(got, names(a))
			}
			if g := strings.Join(got, " "); g != tc.want {
				t.Fatalf("got  %s\nwant %s", g, tc.want)
			}
		})
	}
	if _, err := Distribute(clusters, append(specs, specs[0]), nil, nil); err == nil || !strings.Contains(err.Error(), "used by two scorers") {
		t.Fatalf("repeated score name: %v", err)
	}
	if _, err := Distribute(append(clusters, clusters[0]), specs, nil, nil); err == nil {
		t.Fatal("repeated cluster accepted")
	}
}
