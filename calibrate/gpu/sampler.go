package gpu

import (
	"context"
	"sync"
	"time"

	"github.com/airansim/airansim/calibrate"
)

// DefaultPeriod is the sampling period of a Sampler whose Period is 0.
const DefaultPeriod = 20 * time.Millisecond

// SamplerOptions configures a Sampler. The zero value samples every DefaultPeriod with times
// counted from Start.
type SamplerOptions struct {
	Period time.Duration // time between reads; default DefaultPeriod
	Epoch  time.Time     // sample times are seconds since Epoch (monotonic when it comes from time.Now); default the time of Start
}

// Sampler reads a Reader at a fixed period in one goroutine of its own, from Start until Stop or
// until its context is cancelled. When a read takes longer than the period, ticks are skipped, not
// queued.
type Sampler struct {
	cancel  context.CancelFunc
	done    chan struct{}
	once    sync.Once
	samples []calibrate.GPUSample
	err     error
}

// Start reads r at once and then every period until Stop is called or ctx is cancelled.
func Start(ctx context.Context, r Reader, o SamplerOptions) *Sampler {
	if o.Period <= 0 {
		o.Period = DefaultPeriod
	}
	if o.Epoch.IsZero() {
		o.Epoch = time.Now()
	}
	ctx, cancel := context.WithCancel(ctx)
	s := &Sampler{cancel: cancel, done: make(chan struct{})}
	go s.loop(ctx, r, o)
	return s
}

func (s *Sampler) loop(ctx context.Context, r Reader, o SamplerOptions) {
	defer close(s.done)
	tick := time.NewTicker(o.Period)
	defer tick.Stop()
	for {
		got, err := r.Read(s.samples, time.Since(o.Epoch).Seconds())
		if err != nil {
			// Keep the samples read so far: a Reader may return a nil slice with its error.
			s.err = err
			return
		}
		s.samples = got
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}

// Stop ends the sampling, waits until the sampling goroutine has returned, and returns the samples
// in time order with the read error that ended the sampling early, if any. Calling Stop again
// returns the same result.
func (s *Sampler) Stop() ([]calibrate.GPUSample, error) {
	s.once.Do(func() {
		s.cancel()
		<-s.done
	})
	return s.samples, s.err
}

// Done is closed when the sampling goroutine has returned (after Stop, a cancelled context or a
// read error).
func (s *Sampler) Done() <-chan struct{} { return s.done }
