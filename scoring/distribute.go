package scoring

import "fmt"

// Cluster is a managed cluster as the distribution rules see it: a name and labels
// (e.g. "gpu": "true").
type Cluster struct {
	Name   string
	Labels map[string]string
}

// Mask keeps a score off a cluster: the addon's common.Mask, an entry of DynamicScoringConfig's
// spec.masks. Both fields must match exactly.
type Mask struct {
	ClusterName string `json:"clusterName"`
	ScoreName   string `json:"scoreName"`
}

// Rule restricts a score to the clusters whose labels contain every pair of ClusterSelector
// (e.g. {"gpu": "true"}: no GPU scorer where there is no GPU). The addon has masks only; rules are
// this package's label filter, the "filters" of the framework's description. Several rules for one
// score must all hold.
type Rule struct {
	ScoreName       string            `json:"scoreName"`
	ClusterSelector map[string]string `json:"clusterSelector"`
}

// matches reports whether the cluster's labels contain every pair of the selector.
func (r Rule) matches(c Cluster) bool {
	for k, v := range r.ClusterSelector {
		if got, ok := c.Labels[k]; !ok || got != v {
			return false
		}
	}
	return true
}

// Assignment is the scorers one cluster's agent runs: the addon's per-cluster ScorerSummary list.
type Assignment struct {
	Cluster string
	Specs   []Spec // In the order of Distribute's specs.
}

// Distribute returns, for each cluster in order, the specs that run there: every spec whose score
// is not masked for the cluster and whose rules all match the cluster's labels. A mask or rule
// naming an unknown cluster or score, or two specs with one score name, is an error (a typo would
// otherwise silently run or drop a scorer).
func Distribute(clusters []Cluster, specs []Spec, masks []Mask, rules []Rule) ([]Assignment, error) {
	scores := make(map[string]bool, len(specs))
	for _, s := range specs {
		if scores[s.ScoreName] {
			return nil, cfgErr("scorer "+quote(s.Name), "scoring.params.name", "score name %q is used by two scorers", s.ScoreName)
		}
		scores[s.ScoreName] = true
	}
	names := make(map[string]bool, len(clusters))
	for _, c := range clusters {
		if names[c.Name] {
			return nil, fmt.Errorf("scoring: cluster %q listed twice", c.Name)
		}
		names[c.Name] = true
	}
	masked := make(map[Mask]bool, len(masks))
	for i, m := range masks {
		who := fmt.Sprintf("masks[%d]", i)
		if !names[m.ClusterName] {
			return nil, cfgErr(who, "clusterName", "unknown cluster %q", m.ClusterName)
		}
		if !scores[m.ScoreName] {
			return nil, cfgErr(who, "scoreName", "unknown score %q", m.ScoreName)
		}
		masked[m] = true
	}
	for i, r := range rules {
		if !scores[r.ScoreName] {
			return nil, cfgErr(fmt.Sprintf("rules[%d]", i), "scoreName", "unknown score %q", r.ScoreName)
		}
	}
	out := make([]Assignment, len(clusters))
	for i, c := range clusters {
		out[i].Cluster = c.Name
		for _, s := range specs {
			if masked[Mask{ClusterName: c.Name, ScoreName: s.ScoreName}] || !rulesHold(rules, s.ScoreName, c) {
				continue
			}
			out[i].Specs = append(out[i].Specs, s)
		}
	}
	return out, nil
}

func rulesHold(rules []Rule, score string, c Cluster) bool {
	for _, r := range rules {
		if r.ScoreName == score && !r.matches(c) {
			return false
		}
	}
	return true
}
