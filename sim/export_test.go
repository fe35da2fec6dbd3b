package sim

import "context"

// recordList is a Sink keeping every record it receives.
type recordList []Record

func (l *recordList) Record(r Record) { *l = append(*l, r) }

// RolloutRecords is Rollout that also returns the records the fork emitted for the window's
// requests (those still in the system when it settles have none), for per-request comparisons.
func (s *Sim) RolloutRecords(ctx context.Context, p Plan, window float64) (Outcome, []Record, error) {
	var l recordList
	o, err := s.rollout(ctx, p, window, &l)
	return o, l, err
}

// PendingEvents returns the number of events in the event queue (the side arrival not counted).
func (s *Sim) PendingEvents() int { return s.q.cq.Len() }

// StepOnce processes the earliest event, or ends the run when none is left; it does nothing on a
// run that has ended. Benchmarks use it to step several runs in turn.
func (s *Sim) StepOnce(ctx context.Context) error {
	if s.stopped {
		return nil
	}
	id := s.q.peek()
	if id < 0 {
		s.stop()
		return nil
	}
	return s.step(ctx, id)
}
