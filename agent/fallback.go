package agent

import (
	"context"
	"errors"
	"sort"
)

// Other is the reason counted for an error that is not a *Failure.
const Other Reason = "other"

// ReasonOf returns the Reason of err: the Failure's reason, Timeout for an expired deadline, Other
// otherwise.
func ReasonOf(err error) Reason {
	var f *Failure
	switch {
	case errors.As(err, &f):
		return f.Reason
	case errors.Is(err, context.DeadlineExceeded):
		return Timeout
	}
	return Other
}

// Fallback answers with Primary and, whenever Primary fails with a *Failure (or a timeout) or its
// shortlist breaks Validate, with Backup; it counts each fallback by reason. Any other error (a
// cancelled run, a recorder that cannot write) is returned as is and ends the run. It is not safe
// for concurrent use (one run, one agent).
type Fallback struct {
	Primary, Backup Agent
	counts          map[Reason]int
}

// NewFallback returns primary with backup behind it.
func NewFallback(primary, backup Agent) *Fallback {
	return &Fallback{Primary: primary, Backup: backup, counts: map[Reason]int{}}
}

// Name returns the primary's name.
func (f *Fallback) Name() string { return f.Primary.Name() }

// Shortlist returns the primary's valid answer or the backup's. A cancelled ctx is returned as an
// error, not counted.
func (f *Fallback) Shortlist(ctx context.Context, q *Query) (Reply, error) {
	r, err := f.Primary.Shortlist(ctx, q)
	if err == nil {
		err = Validate(r.Shortlist, q)
	}
	if err == nil {
		return r, nil
	}
	if ctx.Err() != nil {
		return Reply{}, ctx.Err()
	}
	if ReasonOf(err) == Other {
		return Reply{}, err
	}
	f.counts[ReasonOf(err)]++
	b, berr := f.Backup.Shortlist(ctx, q)
	b.Latency += r.Latency
	b.PromptTokens, b.OutputTokens, b.Raw = r.PromptTokens, r.OutputTokens, r.Raw
	return b, berr
}

// Count is the number of fallbacks for one reason.
type Count struct {
	Reason Reason
	N      int
}

// Fallbacks returns the fallback counts so far, sorted by reason.
func (f *Fallback) Fallbacks() []Count {
	out := make([]Count, 0, len(f.counts))
	for r, n := range f.counts {
		out = append(out, Count{r, n})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Reason < out[j].Reason })
	return out
}
