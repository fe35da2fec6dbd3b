package runner

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Status is what a results directory holds of a plan: which jobs are done, missing or stale, and
// what it holds beyond the plan.
type Status struct {
	Total      int                 // jobs in the plan
	Done       []string            // keys stored with the plan's fingerprint, in plan order
	Missing    []string            // keys with no stored result (or one that does not decode), in plan order
	Stale      []string            // keys stored with another fingerprint (other inputs: a conflicting result), in plan order
	Extra      []string            // stored results whose key is not in the plan, sorted
	Duplicates map[string][]string // fingerprint → the stored keys that share it (the same inputs stored twice), only those with ≥ 2
	Shards     []ShardStatus       // one per shard of the plan's shard count, or of the shard manifests found; nil if neither
	Reruns     map[string][]string // key → the shards ("K/N") that each ran it, only keys run by ≥ 2 shards (work done twice)
}

// Complete reports whether every job of the plan is done.
func (s Status) Complete() bool { return len(s.Done) == s.Total }

// ShardStatus is the state of one shard.
type ShardStatus struct {
	Shard  Shard
	Jobs   int       // jobs of the plan in the shard
	Done   int       // of them, done
	Record *Manifest // the shard's manifest; nil: it never started (or wrote nothing)
}

// CheckDir returns the status of the results stored in dir against p. Shard manifests are read
// from manifests ("": none). It fails only if dir cannot be listed.
func CheckDir(dir, manifests string, p Plan) (Status, error) {
	st := Status{Total: len(p.Jobs), Duplicates: map[string][]string{}, Reruns: map[string][]string{}}
	files, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil {
		return st, fmt.Errorf("runner: %w", err)
	}
	stored := map[string]string{} // key → fingerprint ("" if none or undecodable)
	byFP := map[string][]string{}
	for _, f := range files {
		key := strings.TrimSuffix(filepath.Base(f), ".json")
		s, err := Load[json.RawMessage](f)
		if err != nil {
			continue
		}
		stored[key] = s.Fingerprint
		if s.Fingerprint != "" {
			byFP[s.Fingerprint] = append(byFP[s.Fingerprint], key)
		}
	}
	inPlan := map[string]bool{}
	done := map[int]bool{}
	for i, j := range p.Jobs {
		inPlan[j.Key] = true
		fp, ok := stored[j.Key]
		switch {
		case !ok:
			st.Missing = append(st.Missing, j.Key)
		case fp == j.Fingerprint:
			st.Done = append(st.Done, j.Key)
			done[i] = true
		default:
			st.Stale = append(st.Stale, j.Key)
		}
	}
	for k := range stored {
		if !inPlan[k] {
			st.Extra = append(st.Extra, k)
		}
	}
	sort.Strings(st.Extra)
	for fp, keys := range byFP {
		if len(keys) > 1 {
			sort.Strings(keys)
			st.Duplicates[fp] = keys
		}
	}
	ms, err := ReadManifests(manifests)
	if err != nil {
		return st, err
	}
	st.Shards, st.Reruns = shardStatus(p, done, ms)
	return st, nil
}

// shardStatus groups the plan's jobs by shard (of p.Shards, else of the manifests' N) and lists
// the keys that several manifests report as run.
func shardStatus(p Plan, done map[int]bool, ms []Manifest) ([]ShardStatus, map[string][]string) {
	reruns := map[string][]string{}
	ranBy := map[string][]string{}
	for _, m := range ms {
		for _, k := range m.Ran {
			ranBy[k] = append(ranBy[k], m.Shard.String())
		}
	}
	for k, by := range ranBy {
		if len(by) > 1 {
			sort.Strings(by)
			reruns[k] = by
		}
	}
	n := p.Shards
	for _, m := range ms {
		if n == 0 {
			n = m.Shard.N
		}
	}
	if n == 0 {
		return nil, reruns
	}
	out := make([]ShardStatus, n)
	for k := range out {
		out[k].Shard = Shard{K: k, N: n}
	}
	for i := range p.Jobs {
		out[i%n].Jobs++
		if done[i] {
			out[i%n].Done++
		}
	}
	for i := range ms {
		if ms[i].Shard.N == n && ms[i].Shard.K < n {
			out[ms[i].Shard.K].Record = &ms[i]
		}
	}
	return out, reruns
}

// Print writes a report of s on w: the counts, every shard's state, and every missing, stale,
// extra, duplicated or re-run result by name.
func (s Status) Print(w io.Writer) {
	fmt.Fprintf(w, "%d of %d runs done, %d missing, %d stale\n", len(s.Done), s.Total, len(s.Missing), len(s.Stale))
	for _, sh := range s.Shards {
		state := "never started"
		switch {
		case sh.Done == sh.Jobs:
			state = "complete"
		case sh.Record != nil && sh.Record.Finished:
			state = "finished, with runs missing since"
		case sh.Record != nil:
			state = "running, or stopped part-way (rerun it: it resumes)"
		}
		fmt.Fprintf(w, "  shard %s: %d of %d runs done, %s\n", sh.Shard, sh.Done, sh.Jobs, state)
	}
	list(w, "missing", s.Missing)
	list(w, "stale (stored with other inputs; rerun with --rerun-stale)", s.Stale)
	list(w, "not in the plan (ignored)", s.Extra)
	for _, fp := range sortedKeys(s.Duplicates) {
		fmt.Fprintf(w, "  duplicated: the same inputs (%s) are stored as %s\n", fp, strings.Join(s.Duplicates[fp], ", "))
	}
	for _, k := range sortedKeys(s.Reruns) {
		fmt.Fprintf(w, "  duplicated: %s was run by shards %s (the stored result is kept)\n", k, strings.Join(s.Reruns[k], ", "))
	}
}

func list(w io.Writer, what string, keys []string) {
	if len(keys) > 0 {
		fmt.Fprintf(w, "  %s: %s\n", what, strings.Join(keys, ", "))
	}
}

func sortedKeys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

// IncompleteError reports a merge whose stored results do not cover its plan.
type IncompleteError struct {
	Missing, Stale []string // keys, in plan order
	Total          int
}

// Error names the missing and stale results.
func (e *IncompleteError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "runner: incomplete: %d of %d runs not stored", len(e.Missing)+len(e.Stale), e.Total)
	if len(e.Missing) > 0 {
		fmt.Fprintf(&b, "; missing: %s", strings.Join(e.Missing, ", "))
	}
	if len(e.Stale) > 0 {
		fmt.Fprintf(&b, "; stale (other inputs): %s", strings.Join(e.Stale, ", "))
	}
	b.WriteString(" (rerun their shards, or merge what is there with --allow-partial)")
	return b.String()
}

// Manifest is what a shard records of itself, in the manifests folder as shard-K-of-N.json.
type Manifest struct {
	Shard    Shard    `json:"shard"`
	Host     string   `json:"host"`
	Started  string   `json:"started"`  // RFC 3339
	Finished bool     `json:"finished"` // the shard ran to its end (false: running or killed)
	Jobs     int      `json:"jobs"`     // jobs in the shard
	Reused   []string `json:"reused"`   // keys found stored (resumed)
	Ran      []string `json:"ran"`      // keys this shard ran and stored
}

func manifestPath(dir string, s Shard) string {
	return filepath.Join(dir, fmt.Sprintf("shard-%d-of-%d.json", s.K, s.N))
}

// ReadManifests reads every shard manifest in dir, sorted by N then K; none if dir is "" or absent.
func ReadManifests(dir string) ([]Manifest, error) {
	if dir == "" {
		return nil, nil
	}
	files, err := filepath.Glob(filepath.Join(dir, "shard-*-of-*.json"))
	if err != nil {
		return nil, fmt.Errorf("runner: %w", err)
	}
	var ms []Manifest
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, fmt.Errorf("runner: %w", err)
		}
		var m Manifest
		if err := json.Unmarshal(b, &m); err != nil {
			return nil, fmt.Errorf("runner: shard manifest %s: %w", f, err)
		}
		ms = append(ms, m)
	}
	sort.Slice(ms, func(i, j int) bool {
		if ms[i].Shard.N != ms[j].Shard.N {
			return ms[i].Shard.N < ms[j].Shard.N
		}
		return ms[i].Shard.K < ms[j].Shard.K
	})
	return ms, nil
}
