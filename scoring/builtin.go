package scoring

import (
	"fmt"
	"strings"
)

// builtins maps each built-in scorer's name to a constructor with default options, in one explicit map.
var builtins = map[string]func() (Scorer, error){
	UtilisationName:       func() (Scorer, error) { return NewUtilisation(UtilisationOptions{}), nil },
	SpareCapacityName:     func() (Scorer, error) { return NewSpareCapacity(SpareCapacityOptions{}), nil },
	ThroughputPerWattName: func() (Scorer, error) { return NewThroughputPerWatt(ThroughputPerWattOptions{}), nil },
	PowerForecastName:     func() (Scorer, error) { return NewPowerForecast(PowerForecastOptions{}) },
}

// BuiltinNames returns the names of the built-in scorers in increasing order.
func BuiltinNames() []string {
	return []string{PowerForecastName, SpareCapacityName, ThroughputPerWattName, UtilisationName}
}

// NewBuiltin returns the built-in scorer called name with its default options.
func NewBuiltin(name string) (Scorer, error) {
	f, ok := builtins[name]
	if !ok {
		return nil, fmt.Errorf("scoring: unknown built-in scorer %q (known: %s)", name, strings.Join(BuiltinNames(), ", "))
	}
	return f()
}
