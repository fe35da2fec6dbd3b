package placement

import "errors"

// Sentinel errors returned (wrapped with the offending field) by Schedule. Each one corresponds to a
// placement OCM refuses, either by its CRD validation or by the scheduler's Misconfigured status.
var (
	// ErrWeight: a prioritizer weight outside [MinWeight, MaxWeight] (CRD validation of
	// PrioritizerConfig.Weight).
	ErrWeight = errors.New("placement: weight outside [-10, 10]")
	// ErrMode: a prioritizer policy mode other than "", Additive or Exact.
	ErrMode = errors.New("placement: unknown prioritizer policy mode")
	// ErrCoordinate: an unknown score coordinate type or built-in prioritizer name, or an add-on
	// coordinate without a resource or score name.
	ErrCoordinate = errors.New("placement: invalid score coordinate")
	// ErrSelector: a label or claim selector requirement with an unknown operator, or with values
	// where its operator forbids them (Exists, DoesNotExist) or without values where it needs them
	// (In, NotIn).
	ErrSelector = errors.New("placement: invalid selector")
	// ErrToleration: a toleration with an empty key and an operator other than Exists, a value
	// with Exists, an unknown operator or an unknown effect.
	ErrToleration = errors.New("placement: invalid toleration")
	// ErrCandidate: a candidate with an empty name or a name used twice in one call.
	ErrCandidate = errors.New("placement: invalid candidate")
	// ErrNumber: a negative NumberOfClusters.
	ErrNumber = errors.New("placement: negative number of clusters")
	// ErrScore: a score lookup answered a value outside [MinScore, MaxScore], which OCM's
	// AddOnPlacementScore CRD refuses to store.
	ErrScore = errors.New("placement: add-on score outside [-100, 100]")
)
