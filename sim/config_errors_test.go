package sim_test

import (
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/airansim/airansim/sim"
	"github.com/airansim/airansim/sim/simtest"
)

// TestConfigErrors checks that New rejects each invalid configuration with an error wrapping
// ErrConfig whose message names the offending item. The base configuration (two nodes "a" and "b",
// a cell c0 with its DU and CU-UP on a, AI service "ai" with replicas on a and b, one controller) is
// valid.
func TestConfigErrors(t *testing.T) {
	base := func() sim.Config {
		cfg := replicated(2, 0, 1)
		cfg.Source = simtest.NewRequests(nil)
		cfg.Controllers = every(1, &once{})
		return cfg
	}
	nan, inf := math.NaN(), math.Inf(1)
	for _, tc := range []struct {
		name  string
		edit  func(c *sim.Config)
		names []string // substrings the message must contain
	}{
		{"valid", func(*sim.Config) {}, nil},
		{"no nodes", func(c *sim.Config) { c.Nodes = nil }, []string{"no nodes"}},
		{"NaN GPU", func(c *sim.Config) { c.Nodes[1].GPU = nan }, []string{"node 1 (b)"}},
		{"negative CPU", func(c *sim.Config) { c.Nodes[1].CPU = -1 }, []string{"node 1 (b)"}},
		{"infinite VRAM", func(c *sim.Config) { c.Nodes[0].VRAMGB = inf }, []string{"node 0 (a)"}},
		{"negative VRAM", func(c *sim.Config) { c.Nodes[1].VRAMGB = -1 }, []string{"node 1 (b)"}},
		{"GPU and CPU both 0", func(c *sim.Config) { c.Nodes[1].GPU, c.Nodes[1].CPU = 0, 0 }, []string{"node 1 (b)", "both 0"}},
		{"bad category", func(c *sim.Config) { c.Services[2].Category = sim.SmallAI + 1 }, []string{"service 2 (ai)", "category"}},
		{"negative weights", func(c *sim.Config) { c.Services[0].WeightsGB = -1 }, []string{"service 0 (du)"}},
		{"NaN reconfiguration", func(c *sim.Config) { c.Services[1].ReconfigS = nan }, []string{"service 1 (cu)"}},
		{"instance service out of range", func(c *sim.Config) { c.Instances[3].Service = 3 }, []string{"instance 3"}},
		{"instance negative service", func(c *sim.Config) { c.Instances[2].Service = -1 }, []string{"instance 2"}},
		{"instance node out of range", func(c *sim.Config) { c.Instances[3].Node = 2 }, []string{"instance 3"}},
		{"instance negative node", func(c *sim.Config) { c.Instances[0].Node = -1 }, []string{"instance 0"}},
		{"weights exceed VRAM", func(c *sim.Config) { c.Services[2].WeightsGB = 79.5 }, []string{"node 0 (a)", "exceed VRAM"}},
		{"AI service without a replica", func(c *sim.Config) { c.Instances = c.Instances[:2] }, []string{"service 2 (ai)", "no replica"}},
		{"cell DU is a CU-UP", func(c *sim.Config) { c.Cells[0].DU = 1 }, []string{"cell 0 (c0)"}},
		{"cell CU is an AI replica", func(c *sim.Config) { c.Cells[0].CU = 2 }, []string{"cell 0 (c0)"}},
		{"cell CU out of range", func(c *sim.Config) { c.Cells[0].CU = 7 }, []string{"cell 0 (c0)"}},
		{"cell DU negative", func(c *sim.Config) { c.Cells[0].DU = -1 }, []string{"cell 0 (c0)"}},
		{"negative hop delay", func(c *sim.Config) { c.HopDelay = -1e-6 }, []string{"HopDelay"}},
		{"NaN RAN delay", func(c *sim.Config) { c.RANDelay = nan }, []string{"RANDelay"}},
		{"negative horizon", func(c *sim.Config) { c.Horizon = -1 }, []string{"Horizon"}},
		{"infinite horizon", func(c *sim.Config) { c.Horizon = inf }, []string{"Horizon"}},
		{"negative drain", func(c *sim.Config) { c.Drain = -30 }, []string{"Drain"}},
		{"negative epsilon", func(c *sim.Config) { c.Epsilon = -1 }, []string{"Epsilon"}},
		{"RAN margin of 1", func(c *sim.Config) { c.RANMargin = 1 }, []string{"RANMargin"}},
		{"negative RAN margin", func(c *sim.Config) { c.RANMargin = -0.1 }, []string{"RANMargin"}},
		{"NaN RAN margin", func(c *sim.Config) { c.RANMargin = math.NaN() }, []string{"RANMargin"}},
		{"negative RAN guard", func(c *sim.Config) { c.RANGuard = -1e-6 }, []string{"RANGuard"}},
		{"negative reallocation period", func(c *sim.Config) { c.ReallocPeriod = -1 }, []string{"ReallocPeriod"}},
		{"infinite reallocation period", func(c *sim.Config) { c.ReallocPeriod = math.Inf(1) }, []string{"ReallocPeriod"}},
		{"nil controller", func(c *sim.Config) { c.Controllers = append(c.Controllers, sim.ControllerSpec{}) }, []string{"controller 1"}},
		{"negative period", func(c *sim.Config) { c.Controllers[0].Period = -1 }, []string{"controller 0 (once)"}},
		{"NaN phase", func(c *sim.Config) { c.Controllers[0].Phase = nan }, []string{"controller 0 (once)"}},
		{"change at negative time", func(c *sim.Config) { c.Changes = []sim.Change{{Time: -1, Kind: sim.NodeFail}} }, []string{"change 0"}},
		{"change of unknown kind", func(c *sim.Config) { c.Changes = []sim.Change{{Time: 1, Kind: 9}} }, []string{"change 0"}},
		{"change of a missing node", func(c *sim.Config) { c.Changes = []sim.Change{{Time: 1, Kind: sim.NodeFail, Node: 2}} }, []string{"change 0", "node 2"}},
		{"recovery without failure", func(c *sim.Config) {
			c.Changes = []sim.Change{{Time: 1, Kind: sim.NodeFail}, {Time: 2, Kind: sim.NodeRecover, Node: 1}}
		}, []string{"change 1", "node 1"}},
		{"capacity change to nothing", func(c *sim.Config) {
			c.Changes = []sim.Change{{Time: 1, Kind: sim.SetCapacity, Node: 1, VRAMGB: 80}}
		}, []string{"change 0", "node 1"}},
		{"missing Source", func(c *sim.Config) { c.Source = nil }, []string{"Source is required"}},
		{"missing Allocator", func(c *sim.Config) { c.Allocator = nil }, []string{"Allocator is required"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg := base()
			tc.edit(&cfg)
			_, err := sim.New(cfg)
			if tc.names == nil {
				if err != nil {
					t.Fatalf("valid configuration rejected: %v", err)
				}
				return
			}
			if !errors.Is(err, sim.ErrConfig) {
				t.Fatalf("error %v, want one wrapping sim.ErrConfig", err)
			}
			for _, n := range tc.names {
				if !strings.Contains(err.Error(), n) {
					t.Errorf("error %q does not name %q", err, n)
				}
			}
		})
	}
}
