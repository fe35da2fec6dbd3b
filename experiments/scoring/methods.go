package main

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/airansim/airansim/policy"
	"github.com/airansim/airansim/policy/dynscore"
)

// variant is a method of the experiment: a registered method and what it is told.
type variant struct {
	Method  string        // name in policy.Default()
	Summary string        // one line for --help
	dyn     dynscore.Mode // the dynamic-scoring mode, when Method is policy.MethodDynamicScoring
}

// variants returns the experiment's methods by name. The dynamic-scoring modes are listed when the
// method is registered (variantsDynamic).
func variants() map[string]variant {
	v := map[string]variant{
		policy.MethodHAFStatic: {Method: policy.MethodHAFStatic, Summary: "the initial placement and MIG layouts, HAF's allocation"},
		policy.MethodHAF:       {Method: policy.MethodHAF, Summary: "HAF: agent shortlist + critic, migrations only (no MIG reconfiguration)"},
		policy.MethodHAFScores: {Method: policy.MethodHAFScores, Summary: "HAF with the cluster scores in its agent's prompt (the heuristic agent ignores them) and as its critic's features (critic.WithScores)"},
	}
	for k, d := range variantsDynamic() {
		v[k] = d
	}
	return v
}

// defaultMethods is --methods' default: every variant.
func defaultMethods() []string { return knownMethods() }

// knownMethods returns the variants' names: haf-static, haf, haf+scores, then the others sorted.
func knownMethods() []string {
	first := []string{policy.MethodHAFStatic, policy.MethodHAF, policy.MethodHAFScores}
	var rest []string
	for k := range variants() {
		if !slices.Contains(first, k) {
			rest = append(rest, k)
		}
	}
	sort.Strings(rest)
	return append(first, rest...)
}

func methodHelp() string {
	var b strings.Builder
	v := variants()
	for _, k := range knownMethods() {
		fmt.Fprintf(&b, "  %-30s %s\n", k, v[k].Summary)
	}
	return b.String()
}
