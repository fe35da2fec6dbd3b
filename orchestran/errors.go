package orchestran

import "errors"

// Sentinel errors; every error returned by this package wraps one of them with the offending key.
var (
	// ErrCycle: a node's parent chain never reaches the root.
	ErrCycle = errors.New("orchestran: cycle in the tree")
	// ErrTopology: the tree is malformed (no or several roots, a parent out of range, tiers out of order).
	ErrTopology = errors.New("orchestran: malformed tree")
	// ErrNegative: a capacity, rate, delay, size, value or time is negative, NaN or otherwise out of range.
	ErrNegative = errors.New("orchestran: value out of range")
	// ErrUnknownFunction: a model or an intent names a function the catalogue does not have.
	ErrUnknownFunction = errors.New("orchestran: unknown function")
	// ErrUnknownNode: an intent names a node the tree does not have.
	ErrUnknownNode = errors.New("orchestran: unknown node")
	// ErrUnreachable: an intent's data source is not reachable from the node the function is requested on.
	ErrUnreachable = errors.New("orchestran: unreachable data source")
	// ErrInvalid: any other malformed catalogue, intent or option.
	ErrInvalid = errors.New("orchestran: invalid input")
	// ErrTooLarge: the brute-force enumerator refuses an instance above its size limit.
	ErrTooLarge = errors.New("orchestran: instance too large for brute force")
	// ErrNoCBC: the cbc binary was not found.
	ErrNoCBC = errors.New("orchestran: cbc not found (apt-get install coinor-cbc)")
	// ErrSolver: cbc failed, or its output could not be read.
	ErrSolver = errors.New("orchestran: solver failed")
	// ErrInfeasibleSolution: a solution violates a constraint of problem (10).
	ErrInfeasibleSolution = errors.New("orchestran: solution violates the problem")
)
