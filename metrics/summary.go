package metrics

import (
	"math"

	"github.com/airansim/airansim/sim"
)

// Group names a set of requests a fulfillment rate is computed over.
type Group int

// The groups of docs/metrics.md, in output column order.
const (
	Overall Group = iota // every request
	RAN                  // RAN-only requests (URLLC and eMBB), the paper's Q^r
	AI                   // AI requests, the paper's Q^e
	LargeAI              // AI requests served by large-AI services
	SmallAI              // AI requests served by small-AI services
	URLLC                // URLLC RAN-only requests
	EMBB                 // eMBB RAN-only requests
	numGroups
)

var groupNames = [...]string{"overall", "ran", "ai", "large_ai", "small_ai", "urllc", "embb"}

// String returns the group's column name.
func (g Group) String() string { return groupNames[g] }

// Groups returns every group in column order.
func Groups() []Group {
	g := make([]Group, numGroups)
	for i := range g {
		g[i] = Group(i)
	}
	return g
}

// Counts are the outcomes of one group's requests.
type Counts struct {
	Total      int64 // requests that ended (finished, unfinished at the horizon, or dropped)
	Met        int64 // finished with latency ≤ deadline
	Unfinished int64 // still in the system at the horizon
	Dropped    int64 // never admissible (KV larger than the node can hold)
	// Tolerated counts the met requests whose latency exceeded the deadline, by no more than
	// sim.MetTolerance: met only thanks to that tolerance.
	Tolerated int64
}

// Finished returns the requests that completed before the horizon (met or not): Total − Unfinished
// − Dropped.
func (c Counts) Finished() int64 { return c.Total - c.Unfinished - c.Dropped }

// Fulfillment returns Met/Total in [0,1], or NaN when the group is empty.
func (c Counts) Fulfillment() float64 {
	if c.Total == 0 {
		return math.NaN()
	}
	return float64(c.Met) / float64(c.Total)
}

// Summary accumulates records into per-group counts and latency histograms. It implements sim.Sink;
// its memory does not grow with the number of requests. The zero value is ready to use.
type Summary struct {
	counts [numGroups]Counts
	lat    [numGroups]Histogram
	used   [numGroups]float64 // largest latency/deadline of a finished request; 0: none yet
}

var _ sim.Sink = (*Summary)(nil)

// Record adds one request's outcome.
func (s *Summary) Record(r sim.Record) {
	for _, g := range groupsOf(r) {
		c := &s.counts[g]
		c.Total++
		switch {
		case r.Dropped:
			c.Dropped++
		case !r.Finished:
			c.Unfinished++
		case r.Met():
			c.Met++
			if r.Latency() > r.Deadline {
				c.Tolerated++
			}
		}
		if r.Finished {
			s.lat[g].Add(r.Latency())
			if r.Deadline > 0 {
				s.used[g] = max(s.used[g], r.Latency()/r.Deadline)
			}
		}
	}
}

func groupsOf(r sim.Record) [3]Group {
	switch {
	case r.Class == sim.URLLC:
		return [3]Group{Overall, RAN, URLLC}
	case r.Class == sim.EMBB:
		return [3]Group{Overall, RAN, EMBB}
	case r.Category == sim.LargeAI:
		return [3]Group{Overall, AI, LargeAI}
	}
	return [3]Group{Overall, AI, SmallAI}
}

// Counts returns the counts of group g.
func (s *Summary) Counts(g Group) Counts { return s.counts[g] }

// Fulfillment returns the fulfillment rate of group g in [0,1] (NaN if empty).
func (s *Summary) Fulfillment(g Group) float64 { return s.counts[g].Fulfillment() }

// LatencyQuantile returns the q-quantile (0 ≤ q ≤ 1) of finished requests' latency in group g, s,
// within the histogram's relative resolution; NaN if none finished.
func (s *Summary) LatencyQuantile(g Group, q float64) float64 { return s.lat[g].Quantile(q) }

// LatencyMean returns the mean latency of the finished requests of group g, s, exact (not binned);
// NaN if none finished.
func (s *Summary) LatencyMean(g Group) float64 { return s.lat[g].Mean() }

// DeadlineUsedMax returns the largest latency/deadline among the finished requests of group g (1
// means a request finished exactly at its deadline; above 1, after it); NaN if none finished.
func (s *Summary) DeadlineUsedMax(g Group) float64 {
	if s.used[g] == 0 {
		return math.NaN()
	}
	return s.used[g]
}

// Merge adds o's counts and histograms to s.
func (s *Summary) Merge(o *Summary) {
	for g := range s.counts {
		s.counts[g].Total += o.counts[g].Total
		s.counts[g].Met += o.counts[g].Met
		s.counts[g].Unfinished += o.counts[g].Unfinished
		s.counts[g].Dropped += o.counts[g].Dropped
		s.counts[g].Tolerated += o.counts[g].Tolerated
		s.used[g] = max(s.used[g], o.used[g])
		s.lat[g].Merge(&o.lat[g])
	}
}
