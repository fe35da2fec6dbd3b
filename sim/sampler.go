package sim

import "math"

// Sampler observes a run at fixed times without changing it (telemetry).
type Sampler interface {
	// Sample is called once for every time t = k·Config.SampleStep (k = 1, 2, …, t computed as
	// float64(k)·SampleStep) up to the end of the run, in increasing order, after every event at a time
	// ≤ t and before any later one; when the run ends between two sample times, once more with t = the
	// end (a partial last step). s is then in the state it holds from its last event until t, and Now
	// may be before t: read it with Usage(n, t), Snapshot, Stats, and do not change it. RunUntil(t')
	// takes the samples before t' (one at t' itself waits for the next event, which may come at t').
	Sample(s *Sim, t float64)
}

// initSampler schedules the first sample time (+Inf without a Sampler).
func (s *Sim) initSampler() {
	s.nextSample = math.Inf(1)
	if s.cfg.Sampler != nil {
		s.nextSample = s.cfg.SampleStep
	}
}

// sampleBefore calls the Sampler for every sample time before t.
func (s *Sim) sampleBefore(t float64) {
	for s.nextSample < t {
		at := s.nextSample
		s.sampleK++
		s.nextSample = float64(s.sampleK+1) * s.cfg.SampleStep
		s.cfg.Sampler.Sample(s, at)
	}
}

// sampleEnd calls the Sampler for the sample times up to the end of the run and, if the end falls
// between two of them, at the end.
func (s *Sim) sampleEnd() {
	if s.cfg.Sampler == nil {
		return
	}
	end := s.stats.End
	s.sampleBefore(math.Nextafter(end, math.Inf(1)))
	if float64(s.sampleK)*s.cfg.SampleStep < end {
		s.cfg.Sampler.Sample(s, end)
	}
	s.nextSample = math.Inf(1)
}
