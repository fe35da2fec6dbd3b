package study

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
)

// Result is the summary of one run: one row of summary.csv. Fulfillments are fractions in [0,1]
// (NaN for an empty group). Each field is declared as a column, with its unit, in SummaryColumns,
// from which the CSV row and the JSON object derive.
type Result struct {
	Load             float64 // requested ρ
	Rho              Frac    // ρ achieved
	Method           string  // registered method name
	Agent            string  // agent spec of methods that use one, "" otherwise
	Seed             uint64  // run seed
	Requests         int64   // records emitted
	Overall          Frac    // fulfillment of all requests
	RAN              Frac    // fulfillment of RAN-only requests
	AI               Frac    // fulfillment of AI requests
	LargeAI          Frac    // fulfillment of large-AI requests
	SmallAI          Frac    // fulfillment of small-AI requests
	URLLC            Frac    // fulfillment of URLLC requests
	EMBB             Frac    // fulfillment of eMBB requests
	Unfinished       int64   // requests unfinished at the horizon
	Dropped          int64   // requests dropped (KV never fit)
	MigrationsLarge  int     // committed large-AI migrations
	MigrationsTotal  int     // committed migrations
	Rejected         int     // rejected actions
	RANInfeasible    int64   // node reallocations whose RAN floors did not fit
	AIP50            Frac    // AI latency median, s
	AIP99            Frac    // AI latency 99th percentile, s
	RANP99           Frac    // RAN-only latency 99th percentile, s
	AgentEpochs      int     // placement epochs the agent was asked
	AgentFallbacks   int     // epochs that fell back to the heuristic
	FallbackReasons  string  // "reason=count;…", sorted
	CriticVetoes     int     // epochs where the critic kept the placement against the agent's first choice
	DecisionMS       Frac    // mean agent latency per epoch, ms
	PromptTokens     Frac    // mean prompt tokens per epoch (server count; estimated at 4 chars/token otherwise)
	Events           int64   // engine events
	SimEndS          float64 // simulated end time, s
	Completed        int64   // requests finished before the horizon, all classes
	LargeAICompleted int64   // large-AI requests finished
	SmallAICompleted int64   // small-AI requests finished
	AIMean           Frac    // mean latency of finished AI requests, s
	LargeAIMean      Frac    // mean latency of finished large-AI requests, s
	RANRounding      int64   // node reallocations whose RAN floors exceeded capacity only by rounding
	RANTolerated     int64   // RAN-only requests met only by sim.MetTolerance (latency > deadline by ≤ 1 ns)
	RANDeadlineUsed  Frac    // largest latency/deadline of a finished RAN-only request
	ReplicasAdded    int     // replicas added by the controllers (sim.Stats.Added)
	EnergyJ          float64 // energy of every node over the run, J (docs/power.md)
	EnergyPerMetJ    Frac    // EnergyJ per met request, J; NaN if none met
	WallS            float64 // wall-clock time of the simulation, s

	// Extra holds the columns measured by Spec.Measures, by column name (NaN allowed).
	Extra map[string]float64
}

// MarshalJSON writes one key per column of SummaryColumns, in its order, then the Extra columns
// sorted by name; NaN is written as null.
func (r Result) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, c := range builtinColumns {
		if err := writeKey(&b, i, c.Name, c.Field(&r)); err != nil {
			return nil, err
		}
	}
	keys := make([]string, 0, len(r.Extra))
	for k := range r.Extra {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for i, k := range keys {
		if err := writeKey(&b, len(builtinColumns)+i, k, Frac(r.Extra[k])); err != nil {
			return nil, err
		}
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

func writeKey(b *bytes.Buffer, i int, key string, v any) error {
	if i > 0 {
		b.WriteByte(',')
	}
	k, _ := json.Marshal(key)
	val, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("study: column %s: %w", key, err)
	}
	b.Write(k)
	b.WriteByte(':')
	b.Write(val)
	return nil
}

// UnmarshalJSON reads the keys of SummaryColumns into their fields (absent keys leave the zero
// value, null a NaN) and every other numeric or null key into Extra. A non-numeric unknown key is
// an error.
func (r *Result) UnmarshalJSON(data []byte) error {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(data, &m); err != nil {
		return fmt.Errorf("study: result: %w", err)
	}
	*r = Result{}
	for _, c := range builtinColumns {
		if raw, ok := m[c.Name]; ok {
			if err := json.Unmarshal(raw, c.Field(r)); err != nil {
				return fmt.Errorf("study: result column %s: %w", c.Name, err)
			}
			delete(m, c.Name)
		}
	}
	for k, raw := range m {
		var f Frac
		if err := json.Unmarshal(raw, &f); err != nil {
			return fmt.Errorf("study: result key %q is not a column nor a number", k)
		}
		if r.Extra == nil {
			r.Extra = map[string]float64{}
		}
		r.Extra[k] = float64(f)
	}
	return nil
}
