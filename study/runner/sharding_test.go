package runner

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
)

func TestParseShard(t *testing.T) {
	tests := []struct {
		in   string
		want Shard
		err  bool
	}{
		{"0/1", Shard{0, 1}, false},
		{"2/3", Shard{2, 3}, false},
		{" 1 / 4 ", Shard{1, 4}, false},
		{"3/3", Shard{}, true},
		{"-1/3", Shard{}, true},
		{"0/0", Shard{}, true},
		{"1", Shard{}, true},
		{"a/b", Shard{}, true},
	}
	for _, tt := range tests {
		got, err := ParseShard(tt.in)
		if (err != nil) != tt.err || !tt.err && got != tt.want {
			t.Errorf("ParseShard(%q) = %v, %v; want %v, error %v", tt.in, got, err, tt.want, tt.err)
		}
	}
}

// TestShardsPartition: every job belongs to exactly one shard, for any N, and the zero Shard has all.
func TestShardsPartition(t *testing.T) {
	for _, n := range []int{1, 2, 3, 7, 20} {
		for i := range 15 {
			owners := 0
			for k := range n {
				if (Shard{K: k, N: n}).Has(i) {
					owners++
				}
			}
			if owners != 1 || !(Shard{}).Has(i) {
				t.Errorf("job %d of %d shards has %d owners", i, n, owners)
			}
		}
	}
}

// TestShardModes: the plan lists every job; shards run disjoint parts and stop; the merge returns
// every result in job order without running anything; a job whose inputs changed since the plan
// is refused by both.
func TestShardModes(t *testing.T) {
	base := func(i int) params { return params{Index: i, Requests: 10} }
	dir := t.TempDir()
	plan := filepath.Join(dir, "plan.json")
	var calls atomic.Int64
	opt := func(m Mode, sh Shard) Options {
		return Options{Dir: filepath.Join(dir, "runs"), Sharding: Sharding{Mode: m, PlanFile: plan, Shard: sh,
			Meta: PlanMeta{Command: "test", Args: []string{"--x=1"}}}}
	}
	ctx := context.Background()
	_, err := Run(ctx, keyed(5, &calls, base), opt(ModePlan, Shard{N: 2}))
	var stop *Stopped
	if !errors.As(err, &stop) || calls.Load() != 0 {
		t.Fatalf("plan: %v after %d runs", err, calls.Load())
	}
	p, err := ReadPlan(plan)
	if err != nil || p.Runs != 5 || p.Shards != 2 || *p.Jobs[3].Shard != 1 || p.Jobs[4].Key != "job-4" || p.Args[0] != "--x=1" {
		t.Fatalf("plan %+v, %v", p, err)
	}
	if _, err := Run(ctx, keyed(5, &calls, base), opt(ModeMerge, Shard{})); !strings.Contains(fmt.Sprint(err), "missing: job-0, job-1") {
		t.Errorf("merge before the shards: %v", err)
	}
	changed := func(i int) params { p := base(i); p.Requests = 11; return p }
	if _, err := Run(ctx, keyed(5, &calls, changed), opt(ModeShard, Shard{0, 2})); err == nil || calls.Load() != 0 {
		t.Errorf("a shard with other inputs than the plan's ran (%v)", err)
	}
	for k := range 2 {
		if _, err := Run(ctx, keyed(5, &calls, base), opt(ModeShard, Shard{k, 2})); !errors.As(err, &stop) {
			t.Fatalf("shard %d: %v", k, err)
		}
	}
	if calls.Load() != 5 {
		t.Errorf("%d runs for 5 jobs in 2 shards", calls.Load())
	}
	got, err := Run(ctx, keyed(5, &calls, base), opt(ModeMerge, Shard{}))
	if err != nil || !slices.Equal(got, []int{0, 10, 20, 30, 40}) || calls.Load() != 5 {
		t.Errorf("merge = %v, %v after %d runs", got, err, calls.Load())
	}
	if _, err := Run(ctx, keyed(5, &calls, changed), opt(ModeMerge, Shard{})); err == nil {
		t.Error("a merge with other inputs than the plan's succeeded")
	}
}
