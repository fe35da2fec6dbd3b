package family_test

import (
	"fmt"

	"github.com/airansim/airansim/scenario"
	"github.com/airansim/airansim/scenario/family"
)

// Example derives two variants of the paper's scenario and prints where its LLMs start.
func Example() {
	vs, err := family.Lookup(family.Paper, family.LLMsSplit)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, v := range vs {
		s, err := v.Apply(scenario.Default(), 1)
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Print(v.Name, ":")
		for _, sv := range s.Services {
			if sv.Category == "large-ai" {
				fmt.Print(" ", sv.Name, "@", sv.Nodes[0])
			}
		}
		fmt.Println()
	}
	// Output:
	// paper: llm-a@gpu-heavy-0 llm-b@gpu-heavy-0
	// llms-split: llm-a@gpu-heavy-0 llm-b@gpu-heavy-1
}
