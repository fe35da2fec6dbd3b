package runner

import (
	"context"
	"fmt"
	"io"
	"os"
	"runtime"
	"sync"
	"time"
)

// Job is one independent unit of work in a sweep.
type Job[T any] struct {
	// Key identifies the job within a Run: non-empty, unique, and a plain
	// file name (no path separator or control character, not starting with
	// a dot). The result is stored as Options.Dir/<Key>.json.
	Key string

	// Inputs describes everything that determines the result (parameters, file contents or their
	// hashes, the code revision), as a value encoding/json can encode. Its fingerprint
	// (Fingerprint) is stored with the result and checked on Resume, so a result is only reused
	// for the same inputs. Nil is a valid value: all such jobs share one fingerprint.
	Inputs any

	// Run computes the job's result. It must return promptly, typically
	// with ctx.Err(), once ctx is cancelled. With Options.Dir set, the
	// result is stored as JSON, so T must round-trip through
	// encoding/json for Resume to return it unchanged; note that
	// encoding/json rejects NaN and ±Inf, which then fails the job.
	Run func(ctx context.Context) (T, error)
}

// Options configures Run. The zero value runs GOMAXPROCS jobs at a time,
// stores nothing and prints no progress.
type Options struct {
	// Dir is the directory where each finished job's result is stored as
	// Dir/<Key>.json. It is created if missing. Empty: results are not
	// stored and Resume has no effect.
	Dir string

	// Parallel is the maximum number of jobs running at once.
	// Zero or negative: runtime.GOMAXPROCS(0).
	Parallel int

	// Resume skips every job whose result file exists in Dir, decodes
	// as a T and carries the fingerprint of the job's Inputs, returning
	// the stored result instead. A file that does not decode is ignored
	// and the job is run again. A file whose fingerprint differs (or
	// that has none) is stale: Run then fails before running anything,
	// with a *StaleError naming the file and the inputs that differ,
	// unless RerunStale is set.
	Resume bool

	// RerunStale, with Resume, runs the jobs whose stored result is stale
	// again (overwriting it) instead of failing.
	RerunStale bool

	// Progress receives progress reports. If it is an *os.File attached
	// to a terminal, a one-line bar redrawn with '\r' (done/total,
	// percentage, elapsed time, ETA, Label); otherwise one line per
	// finished job, "[3/18] key done in 1.2s", prefixed by Label and a
	// space when Label is set. Nil: no progress.
	Progress io.Writer

	// Label names the sweep in progress reports. Empty: no label.
	Label string

	// Sharding spreads the sweep over processes: write its plan, run one shard, or merge the
	// stored results (see Sharding and Mode). Zero: run every job here.
	Sharding Sharding
}

// Run runs jobs, up to o.Parallel at a time, and returns their results in
// job order, whatever the order in which they finish.
//
// Each result is written to o.Dir atomically as soon as its job finishes,
// so an interrupted sweep loses no finished work. When ctx is cancelled no
// further job starts, running jobs see the cancellation through their ctx,
// and Run returns an error wrapping ctx.Err() that says how many jobs
// finished. When a job fails, the jobs still running are cancelled and Run
// returns the first error, naming the failing job's key; errors returned by
// jobs after ctx was cancelled are ignored. On any error the returned
// slice is nil; the results already stored stay in o.Dir.
//
// With o.Sharding set, Run writes the sweep's plan, runs one shard or merges stored results
// instead (Mode); writing the plan and running a shard end with a *Stopped error.
//
// Run returns only after every job it started has returned; it leaves no
// goroutine behind. It returns an error without running anything if a key
// is invalid or duplicated, a Run is nil, an Inputs cannot be encoded,
// o.Dir cannot be created, or (with Resume and without RerunStale) a stored
// result is stale.
func Run[T any](ctx context.Context, jobs []Job[T], o Options) ([]T, error) {
	if err := checkKeys(jobs); err != nil {
		return nil, err
	}
	stamps, err := stampsOf(jobs)
	if err != nil {
		return nil, err
	}
	if o.Sharding.Mode != ModeAll {
		return sharded(ctx, jobs, stamps, o)
	}
	if o.Sharding.PlanFile != "" {
		if err := WritePlan(o.Sharding.PlanFile, planOf(jobs, stamps, o.Sharding.Meta, 0)); err != nil {
			return nil, err
		}
	}
	if o.Dir != "" {
		if err := os.MkdirAll(o.Dir, 0o755); err != nil {
			return nil, fmt.Errorf("runner: %w", err)
		}
	}
	s := &sweep[T]{
		jobs:    jobs,
		stamps:  stamps,
		dir:     o.Dir,
		results: make([]T, len(jobs)),
	}
	todo, stale, err := s.resume(o.Resume, o.RerunStale)
	if err != nil {
		return nil, err
	}
	s.prog = newProgress(o.Progress, o.Label, len(jobs), s.done, time.Now)
	s.prog.start(o.Dir, stale)
	s.run(ctx, todo, parallelism(o.Parallel))
	s.prog.end()

	switch {
	case s.err != nil:
		return nil, s.err
	case s.done < len(jobs):
		return nil, fmt.Errorf("runner: interrupted with %d of %d jobs finished: %w", s.done, len(jobs), ctx.Err())
	}
	return s.results, nil
}

// parallelism returns the number of workers for Options.Parallel p.
func parallelism(p int) int {
	if p <= 0 {
		return runtime.GOMAXPROCS(0)
	}
	return p
}

// sweep is the state of one Run.
type sweep[T any] struct {
	jobs   []Job[T]
	stamps []stamp
	dir    string
	prog   *progress

	mu      sync.Mutex // guards the fields below and prog
	results []T
	done    int   // finished or resumed jobs
	err     error // first job error
}

// stampsOf computes every job's stamp, on every CPU: encoding the inputs of a few hundred jobs is
// most of what a sweep does before its first job starts, while the other cores wait.
func stampsOf[T any](jobs []Job[T]) ([]stamp, error) {
	out := make([]stamp, len(jobs))
	errs := make([]error, len(jobs))
	n := min(runtime.GOMAXPROCS(0), len(jobs))
	var wg sync.WaitGroup
	for w := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < len(jobs); i += n {
				out[i], errs[i] = stampOf(jobs[i].Inputs)
			}
		}()
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			return nil, fmt.Errorf("runner: job %q: %w", jobs[i].Key, err)
		}
	}
	return out, nil
}

// resume loads stored results when enabled and returns the indices of the
// jobs left to run, in job order, and how many of them are stale reruns. It
// fails on the first stale result unless rerun is set.
func (s *sweep[T]) resume(enabled, rerun bool) (todo []int, stale int, err error) {
	todo = make([]int, 0, len(s.jobs))
	var first *StaleError
	for i, j := range s.jobs {
		if !enabled || s.dir == "" {
			todo = append(todo, i)
			continue
		}
		path := resultPath(s.dir, j.Key)
		st, lerr := Load[T](path)
		switch {
		case lerr != nil:
			todo = append(todo, i)
		case st.Fingerprint == s.stamps[i].fingerprint:
			s.results[i] = st.Result
			s.done++
		case rerun:
			todo = append(todo, i)
			stale++
		case first == nil:
			first = &StaleError{Path: path, Diffs: describeStale(st.Inputs, st.Fingerprint, s.stamps[i].inputs, s.stamps[i].fingerprint)}
		default:
			first.More++
		}
	}
	if first != nil {
		return nil, 0, first
	}
	return todo, stale, nil
}

// run executes the jobs at indices todo on n workers and waits for them.
func (s *sweep[T]) run(parent context.Context, todo []int, n int) {
	ctx, cancel := context.WithCancel(parent)
	defer cancel()
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(n, len(todo)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				s.do(parent, ctx, cancel, i)
			}
		}()
	}
feed:
	for _, i := range todo {
		if ctx.Err() != nil {
			break
		}
		select {
		case next <- i:
		case <-ctx.Done():
			break feed
		}
	}
	close(next)
	wg.Wait()
}

// do runs job i unless ctx is already cancelled, stores its result and
// records the outcome. A failure cancels ctx unless parent was cancelled
// first.
func (s *sweep[T]) do(parent, ctx context.Context, cancel context.CancelFunc, i int) {
	if ctx.Err() != nil {
		return
	}
	job := s.jobs[i]
	start := time.Now()
	v, err := job.Run(ctx)
	if err == nil && s.dir != "" {
		err = save(s.dir, job.Key, s.stamps[i], v)
	}
	elapsed := time.Since(start)

	s.mu.Lock()
	defer s.mu.Unlock()
	if err != nil {
		if s.err == nil && parent.Err() == nil {
			s.err = fmt.Errorf("runner: job %q: %w", job.Key, err)
			cancel()
		}
		return
	}
	s.results[i] = v
	s.done++
	s.prog.finished(job.Key, elapsed)
}
