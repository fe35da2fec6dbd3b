package orchestran

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
)

// The scenario files (docs/orchestran.md gives the formats): a tree, a catalogue and intents, each
// a JSON object with unknown keys refused. Nodes and functions are referred to by name. Every error
// names the file and the key (nodes[3].parent, models[2].functions[1], intents[0].items[2].sources[1])
// and wraps the sentinel of the rule it breaks (ErrCycle, ErrNegative, ErrUnreachable, …); a file
// that is not such JSON wraps ErrInvalid.

// treeFile is the JSON form of a Tree.
type treeFile struct {
	Nodes []nodeFile `json:"nodes"`
}

type nodeFile struct {
	Name      string   `json:"name"`        // unique, not empty
	Tier      string   `json:"tier"`        // non-rt-ric, near-rt-ric, cu, du, ru
	Parent    string   `json:"parent"`      // the parent's name; "" for the root
	Cores     *float64 `json:"cores"`       // ρ_d, required, ≥ 0
	UpGbps    float64  `json:"up_gbps"`     // link to the parent, Gb/s, > 0 (not on the root)
	UpDelayMs float64  `json:"up_delay_ms"` // link to the parent, ms, ≥ 0
}

// tierKeys are the tier names of the files, root first.
var tierKeys = [NumTiers]string{"non-rt-ric", "near-rt-ric", "cu", "du", "ru"}

// catalogFile is the JSON form of a Catalog.
type catalogFile struct {
	Functions []string    `json:"functions"`
	Models    []modelFile `json:"models"`
}

type modelFile struct {
	Name       string    `json:"name"`
	Functions  []string  `json:"functions"`   // names from "functions"
	Gamma      []float64 `json:"gamma"`       // one per function; omitted: 1
	Beta       []float64 `json:"beta"`        // one per tier, root first; omitted: 1
	Input      string    `json:"input"`       // metrics or iq
	InputBytes float64   `json:"input_bytes"` // s, ≥ 0
	Cores      float64   `json:"cores"`       // ρ_m, > 0
	ExecMs     float64   `json:"exec_ms"`     // T^exec, ≥ 0
}

// intentsFile is the JSON form of a list of intents.
type intentsFile struct {
	Intents []intentFile `json:"intents"`
}

type intentFile struct {
	Value *float64   `json:"value"` // v_i ≥ 0; omitted: 1
	Items []itemFile `json:"items"`
}

type itemFile struct {
	Function string   `json:"function"`
	Node     string   `json:"node"`
	Pi       *float64 `json:"pi"`  // π; omitted: 1
	Chi      int      `json:"chi"` // +1 (or omitted): γ ≥ π; −1: γ ≤ π
	DeltaMs  *float64 `json:"delta_ms"`
	Sources  []string `json:"sources"`
}

// decode reads one JSON object strictly (unknown keys and trailing data refused).
func decode(file string, data []byte, v any) error {
	d := json.NewDecoder(bytes.NewReader(data))
	d.DisallowUnknownFields()
	if err := d.Decode(v); err != nil {
		return fmt.Errorf("%w: %s: %v", ErrInvalid, file, err)
	}
	if _, err := d.Token(); !errors.Is(err, io.EOF) {
		return fmt.Errorf("%w: %s: data after the JSON object", ErrInvalid, file)
	}
	return nil
}

// inFile prefixes err with the file name, keeping its sentinel.
func inFile(file string, err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("%s: %w", file, err)
}

// LoadTree reads a tree file (see ParseTree).
func LoadTree(path string) (*Tree, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrInvalid, err)
	}
	return ParseTree(path, b)
}

// ParseTree parses the tree file data named file: {"nodes": [{"name", "tier", "parent", "cores",
// "up_gbps", "up_delay_ms"}, …]}, parents by name, and validates it (Tree.Validate).
func ParseTree(file string, data []byte) (*Tree, error) {
	var tf treeFile
	if err := decode(file, data, &tf); err != nil {
		return nil, err
	}
	if len(tf.Nodes) == 0 {
		return nil, fmt.Errorf("%w: %s: nodes: empty", ErrInvalid, file)
	}
	idx := map[string]int{}
	for d, n := range tf.Nodes {
		if n.Name == "" {
			return nil, fmt.Errorf("%w: %s: nodes[%d].name: empty", ErrInvalid, file, d)
		}
		if _, dup := idx[n.Name]; dup {
			return nil, fmt.Errorf("%w: %s: nodes[%d].name: %q names two nodes", ErrInvalid, file, d, n.Name)
		}
		idx[n.Name] = d
	}
	t := &Tree{Nodes: make([]Node, len(tf.Nodes))}
	for d, n := range tf.Nodes {
		key := fmt.Sprintf("%s: nodes[%d] (%s)", file, d, n.Name)
		tier := indexOf(tierKeys[:], n.Tier)
		if tier < 0 {
			return nil, fmt.Errorf("%w: %s.tier: %q (want one of %s)", ErrTopology, key, n.Tier, strings.Join(tierKeys[:], ", "))
		}
		if n.Cores == nil {
			return nil, fmt.Errorf("%w: %s.cores: missing", ErrInvalid, key)
		}
		parent := -1
		if n.Parent != "" {
			p, ok := idx[n.Parent]
			if !ok {
				return nil, fmt.Errorf("%w: %s.parent: no node named %q", ErrTopology, key, n.Parent)
			}
			parent = p
		}
		t.Nodes[d] = Node{Name: n.Name, Tier: Tier(tier), Parent: parent, Cores: *n.Cores, UpGbps: n.UpGbps, UpDelayMs: n.UpDelayMs}
	}
	return t, inFile(file, t.Validate())
}

// LoadCatalog reads a catalogue file (see ParseCatalog).
func LoadCatalog(path string) (*Catalog, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrInvalid, err)
	}
	return ParseCatalog(path, b)
}

// ParseCatalog parses the catalogue file data named file: {"functions": [names], "models": [{"name",
// "functions" (names), "gamma", "beta" (one per tier, root first), "input" (metrics or iq),
// "input_bytes", "cores", "exec_ms"}, …]}, and validates it (Catalog.Validate).
func ParseCatalog(file string, data []byte) (*Catalog, error) {
	var cf catalogFile
	if err := decode(file, data, &cf); err != nil {
		return nil, err
	}
	for f, name := range cf.Functions {
		if name == "" || indexOf(cf.Functions[:f], name) >= 0 {
			return nil, fmt.Errorf("%w: %s: functions[%d]: %q is empty or repeated", ErrInvalid, file, f, name)
		}
	}
	c := &Catalog{Functions: cf.Functions, Models: make([]Model, len(cf.Models))}
	for m, mf := range cf.Models {
		key := fmt.Sprintf("%s: models[%d] (%s)", file, m, mf.Name)
		mod := Model{Name: mf.Name, Gamma: mf.Gamma, Beta: mf.Beta, InputBytes: mf.InputBytes, Cores: mf.Cores, ExecMs: mf.ExecMs}
		switch mf.Input {
		case "metrics":
			mod.Input = Metrics
		case "iq":
			mod.Input = IQ
		default:
			return nil, fmt.Errorf("%w: %s.input: %q (want metrics or iq)", ErrInvalid, key, mf.Input)
		}
		for j, name := range mf.Functions {
			f := indexOf(cf.Functions, name)
			if f < 0 {
				return nil, fmt.Errorf("%w: %s.functions[%d]: %q is not in functions", ErrUnknownFunction, key, j, name)
			}
			mod.Funcs = append(mod.Funcs, f)
		}
		c.Models[m] = mod
	}
	return c, inFile(file, c.Validate())
}

// LoadIntents reads an intents file (see ParseIntents).
func LoadIntents(path string, t *Tree, c *Catalog) ([]Intent, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrInvalid, err)
	}
	return ParseIntents(path, b, t, c)
}

// ParseIntents parses the intents file data named file: {"intents": [{"value", "items": [{"function",
// "node", "pi", "chi", "delta_ms", "sources"}, …]}, …]}, functions and nodes by name (t's nodes must
// be named), and validates each intent against t and c as NewProblem does.
func ParseIntents(file string, data []byte, t *Tree, c *Catalog) ([]Intent, error) {
	var inf intentsFile
	if err := decode(file, data, &inf); err != nil {
		return nil, err
	}
	nodes := map[string]int{}
	for d, n := range t.Nodes {
		if n.Name != "" {
			nodes[n.Name] = d
		}
	}
	out := make([]Intent, len(inf.Intents))
	for i, in := range inf.Intents {
		key := fmt.Sprintf("%s: intents[%d]", file, i)
		out[i].Value = 1
		if in.Value != nil {
			out[i].Value = *in.Value
		}
		for j, it := range in.Items {
			x, err := parseItem(fmt.Sprintf("%s.items[%d]", key, j), it, nodes, c)
			if err != nil {
				return nil, err
			}
			out[i].Items = append(out[i].Items, x)
		}
		if err := validateIntent(i, out[i], t, c); err != nil {
			return nil, fmt.Errorf("%s: %w", key, err)
		}
	}
	return out, nil
}

func parseItem(key string, it itemFile, nodes map[string]int, c *Catalog) (Item, error) {
	x := Item{Pi: 1, Chi: it.Chi, Func: indexOf(c.Functions, it.Function)}
	if x.Func < 0 {
		return x, fmt.Errorf("%w: %s.function: %q is not in the catalogue", ErrUnknownFunction, key, it.Function)
	}
	d, ok := nodes[it.Node]
	if !ok {
		return x, fmt.Errorf("%w: %s.node: no node named %q", ErrUnknownNode, key, it.Node)
	}
	x.Node = d
	if it.Pi != nil {
		x.Pi = *it.Pi
	}
	if it.DeltaMs == nil {
		return x, fmt.Errorf("%w: %s.delta_ms: missing", ErrInvalid, key)
	}
	x.DeltaMs = *it.DeltaMs
	for k, s := range it.Sources {
		v, ok := nodes[s]
		if !ok {
			return x, fmt.Errorf("%w: %s.sources[%d]: no node named %q", ErrUnknownNode, key, k, s)
		}
		x.Sources = append(x.Sources, v)
	}
	return x, nil
}

func indexOf(xs []string, x string) int {
	for i, y := range xs {
		if y == x {
			return i
		}
	}
	return -1
}
