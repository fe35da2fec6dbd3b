package family

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/airansim/airansim/scenario"
)

// Transform returns a modified deep copy of s, validated as a scenario file is; s is not changed.
// seed selects the draw of a randomised variant and is ignored by the others.
type Transform func(s *scenario.Scenario, seed uint64) (*scenario.Scenario, error)

// Variant is a named scenario variant.
type Variant struct {
	Name   string    // e.g. "llms-split"; used in file names and tables
	Doc    string    // one line: what it changes
	Seeded bool      // the variant depends on the seed (a random draw per seed)
	Apply  Transform // builds the variant from a base scenario
}

// Names of the variants of Variants, in its order.
const (
	Paper           = "paper"
	LLMsSplit       = "llms-split"
	RandomPlacement = "random-placement"
	CapacityMinus50 = "capacity-minus50"
	CapacityPlus50  = "capacity-plus50"
	VRAMHeadroom    = "vram-headroom"
	DeadlinesHalf   = "deadlines-x0.5"
	DeadlinesDouble = "deadlines-x2"
	SmallAIShare25  = "small-ai-share-0.25"
	SmallAIShare75  = "small-ai-share-0.75"
)

// VRAMHeadroomScale is the factor of every node's VRAM in the VRAMHeadroom variant: on the paper's
// scenario both LLMs and three DUs then hold 62 of gpu-heavy-0's 160 GB, leaving 98 GB for KV
// caches instead of 18.
const VRAMHeadroomScale = 2.0

// Variants returns the scenario family of the robustness study (issue 11), in a fixed order: the
// base scenario unchanged, then the variants of placement, capacity, VRAM, deadlines and workload.
func Variants() []Variant {
	return []Variant{
		{Name: Paper, Doc: "the base scenario, unchanged", Apply: Identity},
		{Name: LLMsSplit, Doc: "large-AI replicas spread round-robin over the nodes of the largest GPU capacity", Apply: SplitLargeAI},
		{Name: RandomPlacement, Doc: "every AI replica on a node drawn uniformly among those whose free VRAM fits it (seeded); RAN kept", Seeded: true, Apply: RandomAIPlacement},
		{Name: CapacityMinus50, Doc: "every node's GPU and CPU capacity and the DU reserve × 0.5", Apply: ScaleCapacity(0.5)},
		{Name: CapacityPlus50, Doc: "every node's GPU and CPU capacity and the DU reserve × 1.5", Apply: ScaleCapacity(1.5)},
		{Name: VRAMHeadroom, Doc: "every node's VRAM × 2", Apply: ScaleVRAM(VRAMHeadroomScale)},
		{Name: DeadlinesHalf, Doc: "every term of both AI deadline rules × 0.5", Apply: ScaleDeadlines(0.5)},
		{Name: DeadlinesDouble, Doc: "every term of both AI deadline rules × 2", Apply: ScaleDeadlines(2)},
		{Name: SmallAIShare25, Doc: "small-AI share of AI requests 0.25 (base: 0.5)", Apply: SmallAIShare(0.25)},
		{Name: SmallAIShare75, Doc: "small-AI share of AI requests 0.75", Apply: SmallAIShare(0.75)},
	}
}

// Lookup returns the variants called names, in that order, or an error naming an unknown one.
func Lookup(names ...string) ([]Variant, error) {
	all := Variants()
	out := make([]Variant, 0, len(names))
	for _, n := range names {
		found := false
		for _, v := range all {
			if v.Name == n {
				out, found = append(out, v), true
				break
			}
		}
		if !found {
			return nil, fmt.Errorf("family: unknown variant %q (known: %s)", n, strings.Join(VariantNames(), ", "))
		}
	}
	return out, nil
}

// VariantNames returns the names of Variants, in order.
func VariantNames() []string {
	var out []string
	for _, v := range Variants() {
		out = append(out, v.Name)
	}
	return out
}

// Identity returns a validated deep copy of s.
func Identity(s *scenario.Scenario, _ uint64) (*scenario.Scenario, error) {
	return derive(s, "paper", nil)
}

// derive returns a deep copy of s changed by edit (nil: none), validated by scenario.Parse. The copy
// is made through the scenario's JSON, so it holds every field the file format has; a profile
// given relative to s's file is resolved against it, since the copy has no file.
func derive(s *scenario.Scenario, name string, edit func(c *scenario.Scenario) error) (*scenario.Scenario, error) {
	c, err := roundTrip(s, name)
	if err != nil {
		return nil, err
	}
	c.Profile = s.ProfileFile("")
	if edit != nil {
		if err := edit(c); err != nil {
			return nil, fmt.Errorf("family: %s: %w", name, err)
		}
	}
	return roundTrip(c, name)
}

// roundTrip encodes s and parses it back, which validates it.
func roundTrip(s *scenario.Scenario, name string) (*scenario.Scenario, error) {
	b, err := json.Marshal(s)
	if err != nil {
		return nil, fmt.Errorf("family: %s: %w", name, err)
	}
	c, err := scenario.Parse(bytes.NewReader(b), "variant "+name)
	if err != nil {
		return nil, fmt.Errorf("family: %w", err)
	}
	return c, nil
}
