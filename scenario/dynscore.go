package scenario

import (
	"fmt"
	"math"
	"slices"

	"github.com/airansim/airansim/mig"
	"github.com/airansim/airansim/placement"
	"github.com/airansim/airansim/policy/dynscore"
	"github.com/airansim/airansim/sim"
)

// DynamicScoring is the scenario's "dynamic_scoring" section: the dynamic-scoring method's Placement
// specs, power cap, mode and MIG deployments (docs/dynamic-scoring.md). The scorers' overrides, masks
// and rules are the "scoring" section (scoring.Section). A key absent or 0 selects the method's
// default. Example:
//
//	{"placement": {"prioritizerPolicy": {"mode": "Additive", "configurations": [
//	   {"scoreCoordinate": {"type": "AddOn", "addOn": {"resourceName": "spare_capacity", "scoreName": "${node}"}}, "weight": 2}]}},
//	 "power_cap_w": 900, "mode": "power-cap", "stable_s": 10,
//	 "deployments": [{"service": "llm", "replicas": 2, "layouts": [["3g.40gb@0", "3g.40gb@4"], ["4g.40gb@0", "3g.40gb@4"]]}]}
type DynamicScoring struct {
	Placement   *PlacementSpec      `json:"placement,omitempty"`         // node-level spec; absent: dynscore.DefaultSpec
	Clusters    *PlacementSpec      `json:"cluster_placement,omitempty"` // cluster-level round first; absent: none
	PowerCapW   float64             `json:"power_cap_w,omitempty"`       // W (≥ 0); 0: no cap
	Headroom    float64             `json:"headroom,omitempty"`          // switch fraction in [0, 0.5); 0: 0.1
	Mode        string              `json:"mode,omitempty"`              // "performance", "power-cap"; "": switch by headroom
	CapPolicy   string              `json:"cap_policy,omitempty"`        // power-cap's choice: "min-power" (default), "max-compute"
	StableS     float64             `json:"stable_s,omitempty"`          // T, s (≥ 0); 0: the epoch
	MaxMoves    int                 `json:"max_moves,omitempty"`         // migrations per epoch; 0: 1; negative: none
	Deployments []DynamicDeployment `json:"deployments,omitempty"`       // in order
}

// DynamicDeployment is dynscore.Deployment in a scenario file.
type DynamicDeployment struct {
	Service  string     `json:"service"`           // an AI service's name
	Replicas int        `json:"replicas"`          // MIG instances needed, ≥ 1
	AtS      float64    `json:"at_s,omitempty"`    // earliest time, s (≥ 0)
	Layouts  [][]string `json:"layouts,omitempty"` // candidate layouts (PROFILE@START each); absent: every layout
}

// PlacementSpec is an OCM Placement's spec as its YAML/JSON spells it (cluster.open-cluster-management.io/v1beta1),
// for the parts placement.Spec models: numberOfClusters, predicates[].requiredClusterSelector
// (labelSelector, claimSelector) and prioritizerPolicy (mode, configurations[].scoreCoordinate
// {type, builtIn, addOn{resourceName, scoreName}} and weight, 1 when absent as OCM's CRD defaults it).
type PlacementSpec struct {
	NumberOfClusters  int                  `json:"numberOfClusters,omitempty"`
	Predicates        []PlacementPredicate `json:"predicates,omitempty"`
	PrioritizerPolicy PrioritizerPolicy    `json:"prioritizerPolicy"`
}

// PlacementPredicate is one ClusterPredicate.
type PlacementPredicate struct {
	RequiredClusterSelector ClusterSelector `json:"requiredClusterSelector"`
}

// ClusterSelector ANDs a label selector and a claim selector.
type ClusterSelector struct {
	LabelSelector LabelSelector `json:"labelSelector"`
	ClaimSelector ClaimSelector `json:"claimSelector"`
}

// LabelSelector is a Kubernetes label selector.
type LabelSelector struct {
	MatchLabels      map[string]string `json:"matchLabels,omitempty"`
	MatchExpressions []Requirement     `json:"matchExpressions,omitempty"`
}

// ClaimSelector selects on cluster claims.
type ClaimSelector struct {
	MatchExpressions []Requirement `json:"matchExpressions,omitempty"`
}

// Requirement is a selector requirement (operator In, NotIn, Exists or DoesNotExist).
type Requirement struct {
	Key      string   `json:"key"`
	Operator string   `json:"operator"`
	Values   []string `json:"values,omitempty"`
}

// PrioritizerPolicy is the prioritizer policy (mode Additive, the default, or Exact).
type PrioritizerPolicy struct {
	Mode           string              `json:"mode,omitempty"`
	Configurations []PrioritizerConfig `json:"configurations,omitempty"`
}

// PrioritizerConfig weights one score coordinate; an absent weight is 1.
type PrioritizerConfig struct {
	ScoreCoordinate ScoreCoordinate `json:"scoreCoordinate"`
	Weight          *int            `json:"weight,omitempty"`
}

// ScoreCoordinate is a built-in prioritizer or an add-on score.
type ScoreCoordinate struct {
	Type    string      `json:"type,omitempty"`
	BuiltIn string      `json:"builtIn,omitempty"`
	AddOn   *AddOnScore `json:"addOn,omitempty"`
}

// AddOnScore names an AddOnPlacementScore and a score in it.
type AddOnScore struct {
	ResourceName string `json:"resourceName"`
	ScoreName    string `json:"scoreName"`
}

// Spec converts p to a placement.Spec, checking it as OCM's scheduler would (placement.Schedule's
// validation: selectors, modes, coordinates, weights in [−10, 10]).
func (p *PlacementSpec) Spec() (placement.Spec, error) {
	sp := placement.Spec{NumberOfClusters: p.NumberOfClusters, Prioritizers: placement.PrioritizerPolicy{Mode: placement.Mode(p.PrioritizerPolicy.Mode)}}
	reqs := func(rs []Requirement) []placement.Requirement {
		var out []placement.Requirement
		for _, r := range rs {
			out = append(out, placement.Requirement{Key: r.Key, Operator: placement.Operator(r.Operator), Values: r.Values})
		}
		return out
	}
	for _, pr := range p.Predicates {
		sel := pr.RequiredClusterSelector
		sp.Predicates = append(sp.Predicates, placement.Predicate{
			Labels: placement.LabelSelector{MatchLabels: sel.LabelSelector.MatchLabels, MatchExpressions: reqs(sel.LabelSelector.MatchExpressions)},
			Claims: placement.ClaimSelector{MatchExpressions: reqs(sel.ClaimSelector.MatchExpressions)}})
	}
	for _, c := range p.PrioritizerPolicy.Configurations {
		w := 1
		if c.Weight != nil {
			w = *c.Weight
		}
		co := placement.Coordinate{Type: c.ScoreCoordinate.Type, BuiltIn: c.ScoreCoordinate.BuiltIn}
		if a := c.ScoreCoordinate.AddOn; a != nil {
			co.Resource, co.ScoreName = a.ResourceName, a.ScoreName
		}
		sp.Prioritizers.Configurations = append(sp.Prioritizers.Configurations, placement.PrioritizerConfig{Coordinate: co, Weight: w})
	}
	_, err := placement.Schedule(sp, placement.Input{})
	return sp, err
}

// validateDynamicScoring checks the "scoring" and "dynamic_scoring" sections against the scenario's
// clusters, services and MIG GPUs; errors name the key and the rule.
func (s *Scenario) validateDynamicScoring() error {
	s.normaliseDynamicScoring()
	if s.Scoring != nil {
		if err := s.Scoring.Validate(); err != nil {
			return invalid("scoring: %v", err)
		}
		clusters := []string{sim.DefaultCluster}
		if len(s.Clusters) > 0 {
			clusters = nil
			for _, c := range s.Clusters {
				clusters = append(clusters, c.Name)
			}
		}
		for i, m := range s.Scoring.Masks {
			if !slices.Contains(clusters, m.ClusterName) {
				return invalid("scoring: masks[%d].clusterName: %q is not a cluster of the scenario (%v)", i, m.ClusterName, clusters)
			}
		}
	}
	d := s.DynamicScoring
	if d == nil {
		return nil
	}
	for _, p := range []struct {
		key  string
		spec *PlacementSpec
	}{{"placement", d.Placement}, {"cluster_placement", d.Clusters}} {
		if p.spec == nil {
			continue
		}
		if _, err := p.spec.Spec(); err != nil {
			return invalid("dynamic_scoring.%s: %v", p.key, err)
		}
	}
	switch {
	case !nonNeg(d.PowerCapW):
		return invalid("dynamic_scoring.power_cap_w = %v: must be finite and ≥ 0", d.PowerCapW)
	case !nonNeg(d.Headroom) || d.Headroom >= 0.5:
		return invalid("dynamic_scoring.headroom = %v: must be in [0, 0.5)", d.Headroom)
	case !nonNeg(d.StableS):
		return invalid("dynamic_scoring.stable_s = %v: must be finite and ≥ 0", d.StableS)
	}
	switch dynscore.Mode(d.Mode) {
	case dynscore.ModeAuto, dynscore.ModePerformance:
	case dynscore.ModePowerCap:
		if d.PowerCapW == 0 {
			return invalid("dynamic_scoring.mode %q: needs power_cap_w > 0", d.Mode)
		}
	default:
		return invalid("dynamic_scoring.mode %q: must be %q, %q or absent (switch by headroom)", d.Mode, dynscore.ModePerformance, dynscore.ModePowerCap)
	}
	switch dynscore.CapPolicy(d.CapPolicy) {
	case "", dynscore.CapMinPower, dynscore.CapMaxCompute:
	default:
		return invalid("dynamic_scoring.cap_policy %q: must be %q, %q or absent (min-power)", d.CapPolicy, dynscore.CapMinPower, dynscore.CapMaxCompute)
	}
	return s.validateDynDeployments(d.Deployments)
}

// validateDynDeployments checks each deployment: an AI service, ≥ 1 replica, a time ≥ 0, and layouts
// valid on every MIG GPU of the scenario (at least one is needed).
func (s *Scenario) validateDynDeployments(ds []DynamicDeployment) error {
	var models []mig.Model
	var gpus []string
	for _, n := range s.Nodes {
		if n.MIG != nil {
			m, _ := mig.Lookup(n.MIG.Model)
			models, gpus = append(models, m), append(gpus, n.Name)
		}
	}
	for i, d := range ds {
		key := fmt.Sprintf("dynamic_scoring.deployments[%d]", i)
		k := slices.IndexFunc(s.Services, func(sv Service) bool { return sv.Name == d.Service })
		if k < 0 {
			return invalid("%s.service: %q is not a service of the scenario", key, d.Service)
		}
		if c, _ := sim.ParseCategory(s.Services[k].Category); c != sim.LargeAI && c != sim.SmallAI {
			return invalid("%s.service: %q is a %s service; deployments are of AI services", key, d.Service, s.Services[k].Category)
		}
		switch {
		case d.Replicas < 1:
			return invalid("%s.replicas = %d: must be ≥ 1", key, d.Replicas)
		case !nonNeg(d.AtS):
			return invalid("%s.at_s = %v: must be finite and ≥ 0", key, d.AtS)
		case len(models) == 0:
			return invalid("%s: the scenario has no MIG GPU to deploy on", key)
		}
		for j, ss := range d.Layouts {
			l, err := mig.ParseLayout(ss)
			for g := 0; err == nil && g < len(models); g++ {
				err = models[g].Validate(gpus[g], l)
			}
			if err != nil {
				return invalid("%s.layouts[%d]: %v", key, j, err)
			}
		}
	}
	return nil
}

// DynamicScoringOptions returns the dynamic-scoring method's options for the run b of the scenario:
// the sections' specs, cap, mode and deployments (service names resolved to indices, layouts
// parsed), the scoring section, b's MIG GPUs and power models. Interval and Telemetry are left to
// the caller. Without the sections it returns the method's defaults with b's GPUs and models.
func (s *Scenario) DynamicScoringOptions(b *Built) (dynscore.Options, error) {
	o := dynscore.Options{Interval: b.Epoch, Power: b.Power}
	for _, g := range b.MIG {
		o.GPUs = append(o.GPUs, g.GPU)
	}
	if s.Scoring != nil {
		o.Scoring = *s.Scoring
	}
	d := s.DynamicScoring
	if d == nil {
		return o, nil
	}
	o.PowerCapW, o.Headroom, o.Mode, o.StableS, o.MaxMoves = d.PowerCapW, d.Headroom, dynscore.Mode(d.Mode), d.StableS, d.MaxMoves
	o.CapPolicy = dynscore.CapPolicy(d.CapPolicy)
	for _, p := range []struct {
		src *PlacementSpec
		dst **placement.Spec
	}{{d.Placement, &o.Placement}, {d.Clusters, &o.Clusters}} {
		if p.src == nil {
			continue
		}
		sp, err := p.src.Spec()
		if err != nil {
			return o, invalid("dynamic_scoring: %v", err)
		}
		*p.dst = &sp
	}
	for i, dd := range d.Deployments {
		k := slices.Index(b.Services, dd.Service)
		if k < 0 {
			return o, invalid("dynamic_scoring.deployments[%d].service: %q is not a service of the run", i, dd.Service)
		}
		dep := dynscore.Deployment{Service: k, Replicas: dd.Replicas, At: dd.AtS}
		for _, ss := range dd.Layouts {
			l, err := mig.ParseLayout(ss)
			if err != nil {
				return o, invalid("dynamic_scoring.deployments[%d].layouts: %v", i, err)
			}
			dep.Layouts = append(dep.Layouts, l)
		}
		o.Deployments = append(o.Deployments, dep)
	}
	if o.Interval == 0 || math.IsNaN(o.Interval) {
		o.Interval = sim.DefaultPeriod
	}
	return o, nil
}

// normaliseDynamicScoring sets the empty lists and objects of the two sections that JSON omits when
// empty to nil, so that a scenario survives a JSON round trip unchanged.
func (s *Scenario) normaliseDynamicScoring() {
	if sc := s.Scoring; sc != nil {
		sc.Scorers, sc.Masks, sc.Rules = nilIfEmpty(sc.Scorers), nilIfEmpty(sc.Masks), nilIfEmpty(sc.Rules)
	}
	d := s.DynamicScoring
	if d == nil {
		return
	}
	d.Deployments = nilIfEmpty(d.Deployments)
	for i := range d.Deployments {
		d.Deployments[i].Layouts = nilIfEmpty(d.Deployments[i].Layouts)
	}
	for _, p := range []*PlacementSpec{d.Placement, d.Clusters} {
		if p == nil {
			continue
		}
		p.Predicates = nilIfEmpty(p.Predicates)
		p.PrioritizerPolicy.Configurations = nilIfEmpty(p.PrioritizerPolicy.Configurations)
		for i := range p.Predicates {
			sel := &p.Predicates[i].RequiredClusterSelector
			if len(sel.LabelSelector.MatchLabels) == 0 {
				sel.LabelSelector.MatchLabels = nil
			}
			sel.LabelSelector.MatchExpressions = nilReqs(sel.LabelSelector.MatchExpressions)
			sel.ClaimSelector.MatchExpressions = nilReqs(sel.ClaimSelector.MatchExpressions)
		}
	}
}

func nilReqs(rs []Requirement) []Requirement {
	rs = nilIfEmpty(rs)
	for i := range rs {
		rs[i].Values = nilIfEmpty(rs[i].Values)
	}
	return rs
}

func nilIfEmpty[T any](xs []T) []T {
	if len(xs) == 0 {
		return nil
	}
	return xs
}
