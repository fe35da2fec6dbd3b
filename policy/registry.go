package policy

import (
	"fmt"
	"sort"
	"strings"

	"github.com/airansim/airansim/allocator"
	"github.com/airansim/airansim/sim"
)

// Method is a placement policy with its allocator, ready for one run.
type Method struct {
	Name      string
	Policy    sim.Policy    // nil: the initial placement is kept and no epochs run
	Allocator sim.Allocator // divides each node's GPU and CPU after every event
}

// Options configures a method's construction. The zero value selects every default.
type Options struct {
	Seed uint64 // seed for methods with randomness
}

// Factory builds a fresh, independent method for one run.
type Factory func(o Options) (Method, error)

// Registry maps method names to factories.
type Registry map[string]Factory

// Default returns the registry of every built-in method, one line each.
func Default() Registry {
	return Registry{
		"haf-static":  newHAFStatic,
		"round-robin": newRoundRobin,
	}
}

// Names returns the registered names in sorted order.
func (r Registry) Names() []string {
	names := make([]string, 0, len(r))
	for n := range r {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// New builds the method called name.
func (r Registry) New(name string, o Options) (Method, error) {
	f, ok := r[name]
	if !ok {
		return Method{}, fmt.Errorf("policy: unknown method %q (known: %s)", name, strings.Join(r.Names(), ", "))
	}
	return f(o)
}

// newHAFStatic is HAF-Static: the fixed initial placement with HAF's closed-form allocator.
func newHAFStatic(Options) (Method, error) {
	return Method{Name: "haf-static", Allocator: allocator.HAF{}}, nil
}

// newRoundRobin is Round-Robin: fixed placement, round-robin dispatch across replicas, and
// equal-share allocation of the residual capacity after the RAN floors.
func newRoundRobin(Options) (Method, error) {
	return Method{Name: "round-robin", Policy: &RoundRobin{}, Allocator: allocator.EqualShare{}}, nil
}
