package allocator

import "github.com/airansim/airansim/sim"

// Reference copies of the allocators (ref_test.go), exported to the external tests.
var (
	RefHAF          sim.Allocator = refHAF{}
	RefEqualShare   sim.Allocator = refEqualShare{}
	RefMaxWeight    sim.Allocator = refMaxWeight{}
	RefProportional sim.Allocator = refProportional{}
)
