package placement

// Score and weight bounds, as OCM defines them: every prioritizer yields an integer score in
// [MinScore, MaxScore] (plugins.MinClusterScore/MaxClusterScore) and a configured weight must lie in
// [MinWeight, MaxWeight] (PrioritizerConfig.Weight CRD validation).
const (
	MinScore  = -100
	MaxScore  = 100
	MinWeight = -10
	MaxWeight = 10
)

// Resource names used in Candidate.Allocatable and Candidate.Capacity by the
// ResourceAllocatableCPU and ResourceAllocatableMemory prioritizers.
const (
	// ResourceCPU is the CPU resource, in cores.
	ResourceCPU = "cpu"
	// ResourceMemory is the memory resource, in GB.
	ResourceMemory = "memory"
)

// Candidate is one thing a placement can select: a managed cluster or, at a finer grain, a node.
// Names are unique within one Schedule call; a score lookup is keyed by Name.
type Candidate struct {
	// Name identifies the candidate (ManagedCluster name, or node name). Required.
	Name string
	// Cluster names the managed cluster a node candidate belongs to; empty for a cluster
	// candidate. Informational: the rules never read it.
	Cluster string
	// Labels are matched by Predicate.Labels (ManagedCluster metadata.labels).
	Labels map[string]string
	// Claims are matched by Predicate.Claims (ManagedCluster status.clusterClaims, name → value),
	// e.g. a MIG controller's "mig-layout" = "X" once the layout is compliant and stable.
	Claims map[string]string
	// Taints repel placements that do not tolerate them (ManagedCluster spec.taints).
	Taints []Taint
	// Allocatable and Capacity per resource (ResourceCPU in cores, ResourceMemory in GB), read
	// only by the ResourceAllocatable prioritizers. A candidate lacking either entry for a resource
	// gets no score from that prioritizer (it adds 0).
	Allocatable map[string]float64
	Capacity    map[string]float64
}

// TaintEffect is the effect of a taint (ManagedCluster spec.taints[].effect).
type TaintEffect string

// Taint effects, as OCM's cluster/v1 API defines them.
const (
	// NoSelect: placements that do not tolerate the taint never select the candidate, and a
	// candidate already selected is removed.
	NoSelect TaintEffect = "NoSelect"
	// PreferNoSelect: the scheduler's filter ignores it (OCM's taint plugin admits it).
	PreferNoSelect TaintEffect = "PreferNoSelect"
	// NoSelectIfNew: like NoSelect, except a candidate already in this placement's decisions
	// stays eligible.
	NoSelectIfNew TaintEffect = "NoSelectIfNew"
)

// Taint marks a candidate so that only placements tolerating it may select it.
type Taint struct {
	Key    string
	Value  string
	Effect TaintEffect
	// TimeAdded is when the taint was added, in simulated seconds; TolerationSeconds count from it.
	TimeAdded float64
}

// TolerationOperator relates a toleration's key to its value.
type TolerationOperator string

// Toleration operators; the empty operator means Equal.
const (
	TolerationEqual  TolerationOperator = "Equal"
	TolerationExists TolerationOperator = "Exists"
)

// Toleration lets a placement select candidates carrying a matching taint
// (Placement spec.tolerations[]).
type Toleration struct {
	// Key is the taint key; empty matches every key and then Operator must be Exists.
	Key string
	// Operator is Equal (default when empty) or Exists (matches any value; Value must be empty).
	Operator TolerationOperator
	// Value is the taint value matched by Equal.
	Value string
	// Effect is the taint effect matched; empty matches every effect.
	Effect TaintEffect
	// TolerationSeconds, when not nil, limits the toleration to the taint's first
	// TolerationSeconds seconds after its TimeAdded; nil tolerates forever.
	TolerationSeconds *float64
}

// Operator is a selector requirement operator, as Kubernetes label selectors define them.
type Operator string

// Selector requirement operators.
const (
	In           Operator = "In"
	NotIn        Operator = "NotIn"
	Exists       Operator = "Exists"
	DoesNotExist Operator = "DoesNotExist"
)

// Requirement is one selector requirement: In (key present with a value in Values), NotIn (key
// absent or its value not in Values), Exists (key present), DoesNotExist (key absent). In and NotIn
// need at least one value; Exists and DoesNotExist take none.
type Requirement struct {
	Key      string
	Operator Operator
	Values   []string
}

// LabelSelector selects on candidate labels: every MatchLabels pair (an In requirement with one
// value) and every requirement must hold. The empty selector matches everything.
type LabelSelector struct {
	MatchLabels      map[string]string
	MatchExpressions []Requirement
}

// ClaimSelector selects on candidate claims: every requirement must hold. The empty selector
// matches everything. OCM's claim selector has no matchLabels; neither has this one.
type ClaimSelector struct {
	MatchExpressions []Requirement
}

// Predicate is one ClusterPredicate's requiredClusterSelector: its label and claim selectors are
// ANDed. A Spec's predicates are ORed.
type Predicate struct {
	Labels LabelSelector
	Claims ClaimSelector
}

// Mode is the prioritizer policy mode.
type Mode string

// Prioritizer policy modes. The empty mode is Additive.
const (
	// Additive starts from the defaults (Balance and Steady with weight 1) and lets the configured
	// prioritizers override those weights or add to them.
	Additive Mode = "Additive"
	// Exact uses only the configured prioritizers.
	Exact Mode = "Exact"
)

// Built-in prioritizer names (ScoreCoordinate.builtIn).
const (
	Balance                   = "Balance"
	Steady                    = "Steady"
	ResourceAllocatableCPU    = "ResourceAllocatableCPU"
	ResourceAllocatableMemory = "ResourceAllocatableMemory"
)

// Score coordinate types (ScoreCoordinate.type). The empty type is BuiltIn.
const (
	CoordinateBuiltIn = "BuiltIn"
	CoordinateAddOn   = "AddOn"
)

// Coordinate says where a prioritizer's score comes from: a built-in prioritizer, or an add-on
// score read through Scores.
type Coordinate struct {
	// Type is CoordinateBuiltIn (also when empty) or CoordinateAddOn.
	Type string
	// BuiltIn names the built-in prioritizer (Balance, Steady, ResourceAllocatableCPU,
	// ResourceAllocatableMemory) when Type is BuiltIn.
	BuiltIn string
	// Resource and ScoreName name the AddOnPlacementScore resource and the score inside it when
	// Type is AddOn; both are required then.
	Resource  string
	ScoreName string
}

// PrioritizerConfig weights one prioritizer.
type PrioritizerConfig struct {
	Coordinate Coordinate
	// Weight multiplies the prioritizer's score; it must lie in [-10, 10]. 0 disables the
	// prioritizer, a negative weight prefers the lowest scores. (OCM's CRD fills an absent weight
	// with 1; here the weight is always stated, so 0 means 0.)
	Weight int
}

// PrioritizerPolicy is the placement's prioritizer policy.
type PrioritizerPolicy struct {
	// Mode is Additive (default when empty) or Exact.
	Mode Mode
	// Configurations are applied in order; for a built-in, a later entry overrides an earlier one
	// and the default weight.
	Configurations []PrioritizerConfig
}

// Spec is a Placement's spec.
type Spec struct {
	// NumberOfClusters is how many candidates to select; 0 (the default) selects every feasible
	// candidate, like OCM's unset numberOfClusters. Negative is refused.
	NumberOfClusters int
	// Predicates are ORed; a candidate is feasible when it matches at least one. No predicates
	// match every candidate.
	Predicates []Predicate
	// Prioritizers is the prioritizer policy; the zero value is Additive with the defaults.
	Prioritizers PrioritizerPolicy
	// Tolerations let the placement select tainted candidates.
	Tolerations []Toleration
}

// PlacementDecisions lists the candidates one other placement currently selects.
type PlacementDecisions struct {
	// Placement names the other placement (informational).
	Placement string
	// Selected lists the names of the candidates it selects.
	Selected []string
}

// Current is the state of existing decisions that Steady, Balance and NoSelectIfNew taints read.
type Current struct {
	// Own lists the candidates this placement selects now (Steady; NoSelectIfNew).
	Own []string
	// Others lists the decisions of every other placement (Balance counts them).
	Others []PlacementDecisions
}

// Score is one add-on score as a store holds it (an AddOnPlacementScore item plus its
// resource's validUntil).
type Score struct {
	// Value is the score, in [MinScore, MaxScore].
	Value int
	// Expires says whether ValidUntil applies; false is OCM's nil validUntil, never expiring.
	Expires bool
	// ValidUntil is the time after which the score is invalid, in simulated seconds. A score is
	// expired at time t when t > ValidUntil (OCM: now.After(validUntil)).
	ValidUntil float64
}

// Scores looks up add-on scores. Score returns the score named scoreName of the resource named
// resource for the candidate named candidate, as known at simulated time t (seconds), and false
// when there is none. It must not change state; expiry is judged by Schedule from ValidUntil.
type Scores interface {
	Score(candidate, resource, scoreName string, t float64) (Score, bool)
}

// ScoresFunc adapts a function to the Scores interface.
type ScoresFunc func(candidate, resource, scoreName string, t float64) (Score, bool)

// Score calls f.
func (f ScoresFunc) Score(candidate, resource, scoreName string, t float64) (Score, bool) {
	return f(candidate, resource, scoreName, t)
}

// Input is what one scheduling round reads besides the Spec.
type Input struct {
	// Candidates are the clusters (or nodes) to choose from; their order does not matter.
	Candidates []Candidate
	// Current holds the existing decisions.
	Current Current
	// Scores answers add-on score lookups; nil means no scores at all (every add-on score 0).
	Scores Scores
	// Now is the simulated time of the round, in seconds; it judges score expiry and toleration
	// seconds.
	Now float64
}
