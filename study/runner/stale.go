package runner

import (
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// ErrStale is wrapped by the error of a Run that found a stored result whose fingerprint differs
// from its job's: the inputs changed since it was stored.
var ErrStale = errors.New("runner: stored result is stale")

// maxDiffs is the number of differing inputs a StaleError names.
const maxDiffs = 6

// StaleError reports stored results whose inputs differ from their jobs'. It wraps ErrStale.
type StaleError struct {
	Path  string   // the first stale result file
	Diffs []string // the inputs that differ in it, "path: stored X, now Y", at most 6
	More  int      // further stale files
}

// Error names the file, what differs and how to proceed.
func (e *StaleError) Error() string {
	more := ""
	if e.More > 0 {
		more = fmt.Sprintf(" (and %d more stale results)", e.More)
	}
	return fmt.Sprintf("runner: stored result %s is stale%s: %s; rerun stale results (--rerun-stale) or use another output directory",
		e.Path, more, strings.Join(e.Diffs, "; "))
}

// Unwrap returns ErrStale.
func (e *StaleError) Unwrap() error { return ErrStale }

// describeStale lists what differs between the inputs stored in s and the job's (want, canonical
// JSON, and its fingerprint wantFP).
func describeStale(stored json.RawMessage, storedFP string, want []byte, wantFP string) []string {
	if storedFP == "" {
		return []string{"stored without a fingerprint (by an older version)"}
	}
	a, errA := decodeTree(stored)
	b, errB := decodeTree(want)
	var out []string
	if errA == nil && errB == nil {
		diffTree("", a, b, &out)
	}
	if len(out) == 0 {
		return []string{fmt.Sprintf("fingerprint %s, now %s", storedFP, wantFP)}
	}
	if len(out) > maxDiffs {
		out = append(out[:maxDiffs], fmt.Sprintf("%d more", len(out)-maxDiffs))
	}
	return out
}

// diffTree appends to out one line per leaf where the decoded JSON trees a (stored) and b (now)
// differ, naming it by its dotted path.
func diffTree(path string, a, b any, out *[]string) {
	ma, okA := a.(map[string]any)
	mb, okB := b.(map[string]any)
	if okA && okB {
		for _, k := range unionKeys(ma, mb) {
			diffTree(join(path, k), ma[k], mb[k], out)
		}
		return
	}
	sa, okA := a.([]any)
	sb, okB := b.([]any)
	if okA && okB && len(sa) == len(sb) {
		for i := range sa {
			diffTree(join(path, strconv.Itoa(i)), sa[i], sb[i], out)
		}
		return
	}
	if ja, jb := short(a), short(b); ja != jb {
		*out = append(*out, fmt.Sprintf("%s: stored %s, now %s", path, ja, jb))
	}
}

func unionKeys(a, b map[string]any) []string {
	keys := make([]string, 0, len(a)+len(b))
	for k := range a {
		keys = append(keys, k)
	}
	for k := range b {
		if _, ok := a[k]; !ok {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	return keys
}

func join(path, k string) string {
	if path == "" {
		return k
	}
	return path + "." + k
}

// short is the JSON of v, cut to 40 characters; "none" for an absent value.
func short(v any) string {
	if v == nil {
		return "none"
	}
	b, _ := json.Marshal(v)
	if s := string(b); len(s) <= 40 {
		return s
	}
	return string(b[:37]) + "..."
}
