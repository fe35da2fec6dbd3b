// Package policy holds the placement methods compared by airansim and the registry that names them.
//
// A method pairs a slow-timescale placement Policy (called every epoch Δ on a read-only snapshot) with
// a fast-timescale Allocator (called per node after every event). The engine validates every
// migration a policy returns and rejects and counts the infeasible ones.
package policy
