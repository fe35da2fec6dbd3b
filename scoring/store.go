package scoring

import (
	"bufio"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
)

// Score is one stored score: the value of one dimension of a cluster's score name, as an
// AddOnPlacementScore's status.scores[] item with the object's validUntil.
type Score struct {
	Cluster    string  // Cluster whose agent produced it.
	ScoreName  string  // Scorer's score name.
	Dimension  string  // Rendered dimension format, e.g. the node name.
	Value      float64 // In [−100, 100].
	Time       float64 // Simulated time of the call, s.
	ValidUntil float64 // The score is valid at times t < ValidUntil, s.
}

// PlacementValue returns the value as the addon's agent writes it into an AddOnPlacementScore:
// int32(score), truncated toward zero.
func (s Score) PlacementValue() int32 { return int32(s.Value) }

// Valid reports whether the score may be used at simulated time now (s): now < ValidUntil.
func (s Score) Valid(now float64) bool { return now < s.ValidUntil }

// Store is the hub's central score store: for each cluster and score name the latest successful
// call's scores (one per dimension) and their validity, as the addon keeps one AddOnPlacementScore
// per cluster and score name whose scores a new call replaces. Readers pass the simulated time and
// never see expired scores. The zero Store is empty and ready; a Store is not safe for concurrent use.
type Store struct {
	sets map[setKey]*scoreSet
}

type setKey struct{ cluster, score string }

// scoreSet is one call's scores, sorted by dimension, dimensions unique.
type scoreSet struct {
	time, validUntil float64
	items            []item
}

type item struct {
	dim   string
	value float64
}

// replace sets the scores of (cluster, score) to items, a call's at time t valid until validUntil.
// items is sorted by dimension with the later of equal dimensions kept; it is reused by the store.
func (s *Store) replace(cluster, score string, t, validUntil float64, items []item) {
	if s.sets == nil {
		s.sets = map[setKey]*scoreSet{}
	}
	k := setKey{cluster, score}
	set := s.sets[k]
	if set == nil {
		set = &scoreSet{}
		s.sets[k] = set
	}
	set.time, set.validUntil = t, validUntil
	set.items = append(set.items[:0], items...)
}

// Value returns the valid score of cluster's score name at a dimension at simulated time now (s),
// and false if there is none or it has expired.
func (s *Store) Value(cluster, scoreName, dimension string, now float64) (float64, bool) {
	set := s.sets[setKey{cluster, scoreName}]
	if set == nil || now >= set.validUntil {
		return 0, false
	}
	i, ok := slices.BinarySearchFunc(set.items, dimension, func(it item, d string) int { return strings.Compare(it.dim, d) })
	if !ok {
		return 0, false
	}
	return set.items[i].value, true
}

// Scores returns the scores valid at simulated time now (s), sorted by cluster, score name and dimension.
func (s *Store) Scores(now float64) []Score {
	return s.collect(func(set *scoreSet) bool { return now < set.validUntil })
}

// All returns every stored score, expired or not, sorted by cluster, score name and dimension.
func (s *Store) All() []Score { return s.collect(func(*scoreSet) bool { return true }) }

func (s *Store) collect(keep func(*scoreSet) bool) []Score {
	keys := make([]setKey, 0, len(s.sets))
	n := 0
	for k, set := range s.sets {
		if keep(set) {
			keys = append(keys, k)
			n += len(set.items)
		}
	}
	if n == 0 {
		return nil
	}
	slices.SortFunc(keys, func(a, b setKey) int {
		if c := strings.Compare(a.cluster, b.cluster); c != 0 {
			return c
		}
		return strings.Compare(a.score, b.score)
	})
	out := make([]Score, 0, n)
	for _, k := range keys {
		set := s.sets[k]
		for _, it := range set.items {
			out = append(out, Score{Cluster: k.cluster, ScoreName: k.score, Dimension: it.dim, Value: it.value, Time: set.time, ValidUntil: set.validUntil})
		}
	}
	return out
}

// DumpHeader is the first line of Dump's CSV.
const DumpHeader = "cluster,score_name,dimension,value,time_s,valid_until_s"

// Dump writes every stored score as CSV (DumpHeader, then one row per score in All's order, numbers
// in Go's shortest exact form), so two stores hold the same scores iff their dumps are equal bytes.
func (s *Store) Dump(w io.Writer) error {
	bw := bufio.NewWriter(w)
	bw.WriteString(DumpHeader + "\n")
	for _, sc := range s.All() {
		bw.WriteString(csvField(sc.Cluster) + "," + csvField(sc.ScoreName) + "," + csvField(sc.Dimension) + "," +
			num(sc.Value) + "," + num(sc.Time) + "," + num(sc.ValidUntil) + "\n")
	}
	return bw.Flush()
}

func num(v float64) string {
	if math.IsInf(v, 1) {
		return "+Inf"
	}
	return strconv.FormatFloat(v, 'g', -1, 64)
}

// csvField quotes a field holding a comma, quote or line break, as RFC 4180 does.
func csvField(s string) string {
	if !strings.ContainsAny(s, ",\"\r\n") {
		return s
	}
	return "\"" + strings.ReplaceAll(s, "\"", "\"\"") + "\""
}
