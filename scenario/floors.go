package scenario

import (
	"github.com/airansim/airansim/sim"
	"github.com/airansim/airansim/traces"
)

// RANFloors is the scenario's safety margin of the RAN floors (eq. 15; sim.Config.RANMargin and
// RANGuard): a floor is sized to finish its work in (1 − Margin) of the slack less GuardS. The zero
// value is eq. 15 as printed, without margin.
type RANFloors struct {
	Margin float64 `json:"margin"`            // fraction of the slack held back, in [0, 1)
	GuardS float64 `json:"guard_s,omitempty"` // absolute guard, s, ≥ 0
}

func (f *RANFloors) validate() error {
	if f == nil {
		return nil
	}
	if !(f.Margin >= 0 && f.Margin < 1) {
		return invalid("ran_floors.margin = %v: must be in [0, 1)", f.Margin)
	}
	if !nonNeg(f.GuardS) {
		return invalid("ran_floors.guard_s = %v: must be finite and ≥ 0", f.GuardS)
	}
	return nil
}

// apply sets the margin of the RAN floors in c.
func (f *RANFloors) apply(c *sim.Config) {
	if f != nil {
		c.RANMargin, c.RANGuard = f.Margin, f.GuardS
	}
}

// CostOverrides are cost-model values the scenario fixes whatever the profile: per AI category, the
// keys of a calibration profile's large_ai and small_ai sections (docs/profile.md), applied after the
// profile. The paper scenario uses them for the paper's KV model (KV from 0.4 to 0.6 GB with the
// output length).
type CostOverrides struct {
	LargeAI *traces.ProfileParams `json:"large_ai,omitempty"`
	SmallAI *traces.ProfileParams `json:"small_ai,omitempty"`
}

// profile returns the overrides as a calibration profile (nil for none).
func (c *CostOverrides) profile() *traces.Profile {
	if c == nil {
		return nil
	}
	return &traces.Profile{SchemaVersion: traces.ProfileSchemaVersion, LargeAI: c.LargeAI, SmallAI: c.SmallAI}
}

func (c *CostOverrides) validate() error {
	if p := c.profile(); p != nil {
		if err := p.Validate(); err != nil {
			return invalid("cost: %v", err)
		}
	}
	return nil
}

// apply returns m with the overrides applied.
func (c *CostOverrides) apply(m traces.CostModel) traces.CostModel {
	if p := c.profile(); p != nil {
		return p.Apply(m)
	}
	return m
}
