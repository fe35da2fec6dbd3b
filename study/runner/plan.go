package runner

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/airansim/airansim/internal/output"
)

// PlanVersion is the format version of a plan file (Plan.Version).
const PlanVersion = 1

// Plan is the list of a sweep's jobs with their fingerprints: what shards run and what a merge
// checks the stored results against. It is stored as JSON (WritePlan, ReadPlan).
type Plan struct {
	Version int       `json:"version"`          // PlanVersion
	Command string    `json:"command"`          // the command that made it (e.g. "loadsweep"), for a merge to run it
	Args    []string  `json:"args"`             // its arguments, without the sharding, output and parallelism ones
	WorkDir string    `json:"workdir"`          // its working directory, where relative paths in Args resolve
	Runs    int       `json:"runs"`             // number of jobs, len(Jobs): the size of a job array of one job per task
	Shards  int       `json:"shards,omitempty"` // shard count it was planned for (PlanJob.Shard); 0: not given
	Jobs    []PlanJob `json:"jobs"`
}

// PlanJob is one job of a plan.
type PlanJob struct {
	Index       int    `json:"index"`           // position in the sweep, from 0
	Key         string `json:"key"`             // Job.Key: the result is stored as <Key>.json
	Fingerprint string `json:"fingerprint"`     // Fingerprint(Job.Inputs)
	Shard       *int   `json:"shard,omitempty"` // Index mod Plan.Shards when Shards > 0
}

// PlanMeta is what a plan records of the command that made it.
type PlanMeta struct {
	Command string   // command name
	Args    []string // its arguments, without the sharding, output and parallelism ones
	WorkDir string   // its working directory
}

// NewPlan returns the plan of jobs, with meta and, for shards > 0, each job's shard. It fails on
// an invalid or duplicated key or inputs that cannot be encoded, as Run does.
func NewPlan[T any](jobs []Job[T], meta PlanMeta, shards int) (Plan, error) {
	if err := checkKeys(jobs); err != nil {
		return Plan{}, err
	}
	stamps, err := stampsOf(jobs)
	if err != nil {
		return Plan{}, err
	}
	return planOf(jobs, stamps, meta, shards), nil
}

func planOf[T any](jobs []Job[T], stamps []stamp, meta PlanMeta, shards int) Plan {
	p := Plan{Version: PlanVersion, Command: meta.Command, Args: meta.Args, WorkDir: meta.WorkDir, Runs: len(jobs),
		Shards: max(shards, 0), Jobs: make([]PlanJob, len(jobs))}
	if p.Args == nil {
		p.Args = []string{}
	}
	for i, j := range jobs {
		p.Jobs[i] = PlanJob{Index: i, Key: j.Key, Fingerprint: stamps[i].fingerprint}
		if shards > 0 {
			k := i % shards
			p.Jobs[i].Shard = &k
		}
	}
	return p
}

// WritePlan writes p to path as indented JSON, atomically, creating its folder.
func WritePlan(path string, p Plan) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("runner: %w", err)
	}
	return output.WriteJSON(path, p)
}

// ErrNoPlan is wrapped by ReadPlan's error when the plan file does not exist.
var ErrNoPlan = errors.New("runner: no plan file")

// ReadPlan reads the plan stored at path. It fails (wrapping ErrNoPlan) if there is none, and if it
// does not decode, has another version or lists a key twice.
func ReadPlan(path string) (Plan, error) {
	var p Plan
	b, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return p, fmt.Errorf("%w %s", ErrNoPlan, path)
	}
	if err != nil {
		return p, fmt.Errorf("runner: %w", err)
	}
	if err := json.Unmarshal(b, &p); err != nil {
		return p, fmt.Errorf("runner: plan %s: %w", path, err)
	}
	if p.Version != PlanVersion {
		return p, fmt.Errorf("runner: plan %s: version %d, want %d", path, p.Version, PlanVersion)
	}
	seen := map[string]bool{}
	for _, j := range p.Jobs {
		if seen[j.Key] || checkKey(j.Key) != nil {
			return p, fmt.Errorf("runner: plan %s: key %q is invalid or listed twice", path, j.Key)
		}
		seen[j.Key] = true
	}
	p.Runs = len(p.Jobs)
	return p, nil
}

// sameJobs returns nil if a and b list the same keys with the same fingerprints in the same order,
// and otherwise an error naming the first difference.
func sameJobs(a, b Plan) error {
	if len(a.Jobs) != len(b.Jobs) {
		return fmt.Errorf("%d runs, the plan has %d", len(a.Jobs), len(b.Jobs))
	}
	for i := range a.Jobs {
		x, y := a.Jobs[i], b.Jobs[i]
		switch {
		case x.Key != y.Key:
			return fmt.Errorf("run %d is %s, the plan's is %s", i, x.Key, y.Key)
		case x.Fingerprint != y.Fingerprint:
			return fmt.Errorf("run %s has other inputs (fingerprint %s, the plan's %s)", x.Key, x.Fingerprint, y.Fingerprint)
		}
	}
	return nil
}

// Shard is one of N parts of a sweep: job i belongs to shard i mod N. The zero value (N = 0) is
// the whole sweep.
type Shard struct {
	K int `json:"k"` // this shard, 0 ≤ K < N
	N int `json:"n"` // number of shards; 0: no sharding
}

// ParseShard parses "K/N" (0 ≤ K < N).
func ParseShard(s string) (Shard, error) {
	ks, ns, ok := strings.Cut(s, "/")
	k, err1 := strconv.Atoi(strings.TrimSpace(ks))
	n, err2 := strconv.Atoi(strings.TrimSpace(ns))
	sh := Shard{K: k, N: n}
	if !ok || err1 != nil || err2 != nil {
		return Shard{}, fmt.Errorf("runner: shard %q: want K/N, e.g. 0/4", s)
	}
	return sh, sh.Check()
}

// Check returns an error unless 0 ≤ K < N.
func (s Shard) Check() error {
	if s.N < 1 || s.K < 0 || s.K >= s.N {
		return fmt.Errorf("runner: shard %d/%d: want 0 ≤ K < N", s.K, s.N)
	}
	return nil
}

// String returns "K/N".
func (s Shard) String() string { return fmt.Sprintf("%d/%d", s.K, s.N) }

// Has reports whether job i belongs to the shard (always, for the zero Shard).
func (s Shard) Has(i int) bool { return s.N <= 0 || i%s.N == s.K }
