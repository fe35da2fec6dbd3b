package placement

import "fmt"

// defaultWeights are the Additive defaults (OCM scheduling.defaultPrioritizerConfig): Balance and
// Steady with weight 1; every other prioritizer 0.
var defaultWeights = [...]PrioritizerConfig{
	{Coordinate: Coordinate{Type: CoordinateBuiltIn, BuiltIn: Balance}, Weight: 1},
	{Coordinate: Coordinate{Type: CoordinateBuiltIn, BuiltIn: Steady}, Weight: 1},
}

// Weighted is one prioritizer that took part in a round, with its weight.
type Weighted struct {
	// Name is OCM's plugin name: the built-in name, or "AddOn/<resource>/<score>".
	Name string
	// Coordinate is the prioritizer's normalised coordinate (Type always set).
	Coordinate Coordinate
	// Weight is its weight in [-10, 10], never 0 (weight 0 disables a prioritizer).
	Weight int
}

// normalise fills the default coordinate type and checks the coordinate's fields.
func normalise(c Coordinate) (Coordinate, error) {
	switch c.Type {
	case "", CoordinateBuiltIn:
		return Coordinate{Type: CoordinateBuiltIn, BuiltIn: c.BuiltIn}, nil
	case CoordinateAddOn:
		if c.Resource == "" || c.ScoreName == "" {
			return Coordinate{}, fmt.Errorf("%w: add-on coordinate needs a resource and a score name (got %q/%q)",
				ErrCoordinate, c.Resource, c.ScoreName)
		}
		return Coordinate{Type: CoordinateAddOn, Resource: c.Resource, ScoreName: c.ScoreName}, nil
	}
	return Coordinate{}, fmt.Errorf("%w: unknown type %q", ErrCoordinate, c.Type)
}

// name is OCM's plugin name for the coordinate.
func (c Coordinate) name() string {
	if c.Type == CoordinateAddOn {
		return "AddOn/" + c.Resource + "/" + c.ScoreName
	}
	return c.BuiltIn
}

// weights resolves the prioritizer policy into the prioritizers that run (OCM
// scheduling.getWeights, mergeWeights and getPrioritizers). Additive (or empty) mode starts from the
// defaults, Exact from nothing; each configuration then sets its coordinate's weight, a built-in
// overriding an earlier entry for the same built-in. Add-on entries never merge: OCM keys its weight
// map by a coordinate holding a pointer to the add-on score, so two entries naming the same score
// both count. Prioritizers of weight 0 are dropped before built-in names are checked, as in OCM.
func weights(p PrioritizerPolicy) ([]Weighted, error) {
	var out []Weighted
	switch p.Mode {
	case "", Additive:
		for _, d := range defaultWeights {
			out = append(out, Weighted{Name: d.Coordinate.name(), Coordinate: d.Coordinate, Weight: d.Weight})
		}
	case Exact:
	default:
		return nil, fmt.Errorf("%w: %q", ErrMode, p.Mode)
	}
	for i, cfg := range p.Configurations {
		if cfg.Weight < MinWeight || cfg.Weight > MaxWeight {
			return nil, fmt.Errorf("%w: configuration %d (%s) has weight %d", ErrWeight, i, cfg.Coordinate.name(), cfg.Weight)
		}
		c, err := normalise(cfg.Coordinate)
		if err != nil {
			return nil, fmt.Errorf("configuration %d: %w", i, err)
		}
		if j := findBuiltIn(out, c); j >= 0 {
			out[j].Weight = cfg.Weight
			continue
		}
		out = append(out, Weighted{Name: c.name(), Coordinate: c, Weight: cfg.Weight})
	}
	kept := out[:0]
	for _, w := range out {
		if w.Weight == 0 {
			continue
		}
		if w.Coordinate.Type == CoordinateBuiltIn && !knownBuiltIn(w.Coordinate.BuiltIn) {
			return nil, fmt.Errorf("%w: unknown built-in prioritizer %q", ErrCoordinate, w.Coordinate.BuiltIn)
		}
		kept = append(kept, w)
	}
	return kept, nil
}

// findBuiltIn returns the index of the built-in entry for c in ws, or -1 (always -1 for add-ons).
func findBuiltIn(ws []Weighted, c Coordinate) int {
	if c.Type != CoordinateBuiltIn {
		return -1
	}
	for i, w := range ws {
		if w.Coordinate == c {
			return i
		}
	}
	return -1
}

func knownBuiltIn(name string) bool {
	switch name {
	case Balance, Steady, ResourceAllocatableCPU, ResourceAllocatableMemory:
		return true
	}
	return false
}
