package scenario

import (
	"bytes"
	_ "embed"
)

//go:embed aitras.json
var aitrasJSON []byte

// AITRASName is the name of the embedded AITRAS scenario, for --scenario flags.
const AITRASName = "aitras"

// AITRAS returns the AITRAS dynamic-scoring scenario of SoftBank's blog (seed 000, §4), embedded in
// the binary: an LLM endpoint, bootstrapped on one A100 MIG instance, that a method may deploy on two
// MIG instances of an H100 whose layout trades throughput against power, two small AI services on an A100's MIG instances, three RAN cells, in two managed
// clusters, with published per-GPU power figures (docs/scoring.md defends every value).
func AITRAS() *Scenario {
	s, err := Parse(bytes.NewReader(aitrasJSON), "aitras.json (embedded)")
	if err != nil {
		panic(err) // the embedded file is tested
	}
	return s
}

// AITRASJSON returns the embedded AITRAS scenario file's bytes (to write it out or edit a copy).
func AITRASJSON() []byte { return bytes.Clone(aitrasJSON) }
