package agent

import (
	"fmt"

	"github.com/airansim/airansim/sim"
)

// NoOpID is the identifier of the no-migration candidate, always Candidates[0].
const NoOpID = "m0"

// Candidate is one action of the candidate set M_k: a single-instance migration or the no-op.
type Candidate struct {
	ID       string       // stable identifier: "m0" for the no-op, "m1", "m2", … for migrations
	Instance int          // instance index; -1 for the no-op
	Service  string       // service name; empty for the no-op
	Category sim.Category // category of the instance (meaningless for the no-op)
	From, To int          // source and destination node indices; -1 for the no-op
	FromName string       // source node name
	ToName   string       // destination node name
}

// NoOp reports whether c is the no-migration candidate.
func (c Candidate) NoOp() bool { return c.Instance < 0 }

// String returns the readable identifier, e.g. "m7: llm-b gpu-heavy-0→gpu-heavy-1".
func (c Candidate) String() string {
	if c.NoOp() {
		return c.ID + ": no migration"
	}
	return fmt.Sprintf("%s: %s %s→%s", c.ID, c.Service, c.FromName, c.ToName)
}

// Migration returns the engine action of c; ok is false for the no-op.
func (c Candidate) Migration() (m sim.Migrate, ok bool) {
	if c.NoOp() {
		return sim.Migrate{}, false
	}
	return sim.Migrate{Instance: c.Instance, To: c.To}, true
}

// Index returns the position of the candidate with identifier id in cs, or -1.
func Index(cs []Candidate, id string) int {
	for i := range cs {
		if cs[i].ID == id {
			return i
		}
	}
	return -1
}

// Validate checks a shortlist against q: 1 to K distinct identifiers of q's candidates. It returns a
// *Failure naming the first rule broken.
func Validate(shortlist []string, q *Query) error {
	switch {
	case len(shortlist) == 0:
		return Fail(Empty, "the shortlist is empty")
	case len(shortlist) > q.K:
		return Fail(TooMany, "%d identifiers, at most K = %d allowed", len(shortlist), q.K)
	}
	seen := make(map[string]bool, len(shortlist))
	for _, id := range shortlist {
		if Index(q.Candidates, id) < 0 {
			return Fail(UnknownID, "identifier %q is not a candidate", id)
		}
		if seen[id] {
			return Fail(DuplicateID, "identifier %q appears twice", id)
		}
		seen[id] = true
	}
	return nil
}
