package main

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/airansim/airansim/critic"
	"github.com/airansim/airansim/scenario"
)

// TestScoresQuick: --scores trains a scores critic (its weights load with the score features) whose
// collection run saw scores (some sample has a nonzero score feature), and the runs of a collection
// without --scores are refused by --resume with --scores (the inputs differ).
func TestScoresQuick(t *testing.T) {
	out := t.TempDir()
	args := []string{"--loads", "1", "--seeds", "1", "--requests", "1500", "--epochs", "2", "--parallel", "1", "--out", out}
	if err := run(context.Background(), append(args, "--scores"), io.Discard, io.Discard); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(filepath.Join(out, "weights.json"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	c, err := critic.Load(f)
	if err != nil || !c.Scores() {
		t.Fatalf("weights.json: scores critic %v, error %v", c != nil && c.Scores(), err)
	}
	cfg, err := parse(append(args, "--scores"), io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	samples, err := collect(context.Background(), cfg, scenario.Default(), "x", 1, 101)
	if err != nil {
		t.Fatal(err)
	}
	scored := 0
	for _, sm := range samples {
		if len(sm.Features) != critic.NumScoreFeatures {
			t.Fatalf("%d features, want %d", len(sm.Features), critic.NumScoreFeatures)
		}
		for _, x := range sm.Features[critic.NumFeatures:] {
			if x != 0 {
				scored++
				break
			}
		}
	}
	if scored == 0 || scored == len(samples) {
		t.Errorf("%d of %d samples have a score; want some (not the no-ops, nor the first epoch)", scored, len(samples))
	}
	if err := run(context.Background(), append(args, "--resume"), io.Discard, io.Discard); err == nil {
		t.Error("--resume without --scores reused the --scores collection")
	}
}
