package orchestran

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

func TestScenarioFilesLoad(t *testing.T) {
	cat, err := LoadCatalog("testdata/catalog.json")
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(cat, DefaultCatalog()) {
		t.Errorf("testdata/catalog.json differs from DefaultCatalog")
	}
	tr, err := LoadTree("testdata/tree.json")
	if err != nil {
		t.Fatal(err)
	}
	if len(tr.Nodes) != 8 || tr.Nodes[5].Parent != 3 || tr.Nodes[5].Name != "ru1" || tr.Nodes[0].Parent != -1 {
		t.Errorf("tree = %+v", tr.Nodes)
	}
	in, err := LoadIntents("testdata/intents.json", tr, cat)
	if err != nil {
		t.Fatal(err)
	}
	want := []Intent{
		{Value: 1, Items: []Item{
			{Func: FuncScheduling, Node: 3, Pi: 1, DeltaMs: 10, Sources: []int{5, 6}},
			{Func: FuncForecast, Node: 1, Pi: 1, DeltaMs: 1000, Sources: []int{3, 4}}}},
		{Value: 1, Items: []Item{{Func: FuncBeam, Node: 7, Pi: 1, DeltaMs: 10, Sources: []int{7}}}},
	}
	if !reflect.DeepEqual(in, want) {
		t.Errorf("intents = %+v, want %+v", in, want)
	}
	p, err := NewProblem(tr, cat, in, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if s := SolveGreedy(p); s.Value != 2 {
		t.Errorf("greedy accepts %v of the file's 2 intents", s.Value)
	}
}

const okTree = `{"nodes": [{"name": "r", "tier": "non-rt-ric", "cores": 4},
 {"name": "a", "tier": "near-rt-ric", "parent": "r", "cores": 2, "up_gbps": 10, "up_delay_ms": 1},
 {"name": "b", "tier": "du", "parent": "a", "cores": 1, "up_gbps": 10, "up_delay_ms": 1},
 {"name": "c", "tier": "ru", "parent": "a", "cores": 1, "up_gbps": 10, "up_delay_ms": 1}]}`

// TestScenarioFileErrors: each rule is refused with the file, the key and the rule's sentinel.
func TestScenarioFileErrors(t *testing.T) {
	tree := func(s string) error { _, err := ParseTree("t.json", []byte(s)); return err }
	cat := func(s string) error { _, err := ParseCatalog("c.json", []byte(s)); return err }
	okT, err := ParseTree("t.json", []byte(okTree))
	if err != nil {
		t.Fatal(err)
	}
	intents := func(s string) error { _, err := ParseIntents("i.json", []byte(s), okT, DefaultCatalog()); return err }
	node := func(extra string) string {
		return `{"nodes": [{"name": "r", "tier": "non-rt-ric", "cores": 4}, ` + extra + `]}`
	}
	item := func(fields string) string { return `{"intents": [{"items": [{` + fields + `}]}]}` }
	for _, tc := range []struct {
		name string
		err  error
		want error
		key  string
	}{
		{"not JSON", tree(`{"nodes": [`), ErrInvalid, "t.json"},
		{"unknown key", tree(`{"nodes": [], "links": []}`), ErrInvalid, `unknown field "links"`},
		{"trailing data", tree(okTree + ` {}`), ErrInvalid, "data after"},
		{"no nodes", tree(`{"nodes": []}`), ErrInvalid, "nodes: empty"},
		{"unnamed node", tree(node(`{"tier": "cu", "parent": "r", "cores": 1, "up_gbps": 1}`)), ErrInvalid, "nodes[1].name"},
		{"duplicate name", tree(node(`{"name": "r", "tier": "cu", "parent": "r", "cores": 1, "up_gbps": 1}`)), ErrInvalid, "nodes[1].name"},
		{"unknown tier", tree(node(`{"name": "x", "tier": "edge", "parent": "r", "cores": 1, "up_gbps": 1}`)), ErrTopology, "nodes[1] (x).tier"},
		{"unknown parent", tree(node(`{"name": "x", "tier": "cu", "parent": "y", "cores": 1, "up_gbps": 1}`)), ErrTopology, "nodes[1] (x).parent"},
		{"missing cores", tree(node(`{"name": "x", "tier": "cu", "parent": "r", "up_gbps": 1}`)), ErrInvalid, "nodes[1] (x).cores"},
		{"negative capacity", tree(node(`{"name": "x", "tier": "cu", "parent": "r", "cores": -1, "up_gbps": 1}`)), ErrNegative, "node 1"},
		{"zero link rate", tree(node(`{"name": "x", "tier": "cu", "parent": "r", "cores": 1}`)), ErrNegative, "node 1"},
		{"two roots", tree(node(`{"name": "x", "tier": "cu", "cores": 1}`)), ErrTopology, "2 roots"},
		{"cycle", tree(node(`{"name": "x", "tier": "cu", "parent": "y", "cores": 1, "up_gbps": 1},
			{"name": "y", "tier": "du", "parent": "x", "cores": 1, "up_gbps": 1}`)), ErrCycle, "t.json"},
		{"tiers out of order", tree(node(`{"name": "x", "tier": "du", "parent": "r", "cores": 1, "up_gbps": 1},
			{"name": "y", "tier": "cu", "parent": "x", "cores": 1, "up_gbps": 1}`)), ErrTopology, "tiers must increase"},

		{"catalogue unknown key", cat(`{"functions": ["f"], "models": [], "x": 1}`), ErrInvalid, "c.json"},
		{"no models", cat(`{"functions": ["f"], "models": []}`), ErrInvalid, "c.json: orchestran: invalid input: catalogue"},
		{"repeated function name", cat(`{"functions": ["f", "f"], "models": []}`), ErrInvalid, "functions[1]"},
		{"unknown function", cat(`{"functions": ["f"], "models": [{"name": "m", "functions": ["g"], "input": "iq", "cores": 1}]}`), ErrUnknownFunction, "models[0] (m).functions[0]"},
		{"unknown input", cat(`{"functions": ["f"], "models": [{"name": "m", "functions": ["f"], "input": "video", "cores": 1}]}`), ErrInvalid, "models[0] (m).input"},
		{"zero model cores", cat(`{"functions": ["f"], "models": [{"name": "m", "functions": ["f"], "input": "iq"}]}`), ErrNegative, "model 0 (m)"},
		{"negative exec", cat(`{"functions": ["f"], "models": [{"name": "m", "functions": ["f"], "input": "iq", "cores": 1, "exec_ms": -1}]}`), ErrNegative, "model 0 (m)"},
		{"gamma length", cat(`{"functions": ["f"], "models": [{"name": "m", "functions": ["f"], "gamma": [1, 1], "input": "iq", "cores": 1}]}`), ErrInvalid, "2 scores"},

		{"intent unknown key", intents(`{"intents": [{"items": [], "prio": 1}]}`), ErrInvalid, "i.json"},
		{"intent no items", intents(`{"intents": [{"items": []}]}`), ErrInvalid, "intents[0]"},
		{"intent negative value", intents(`{"intents": [{"value": -1, "items": [{"function": "scheduling", "node": "b", "delta_ms": 1, "sources": ["b"]}]}]}`), ErrNegative, "intents[0]"},
		{"item unknown function", intents(item(`"function": "x", "node": "b", "delta_ms": 1, "sources": ["b"]`)), ErrUnknownFunction, "intents[0].items[0].function"},
		{"item unknown node", intents(item(`"function": "scheduling", "node": "z", "delta_ms": 1, "sources": ["b"]`)), ErrUnknownNode, "intents[0].items[0].node"},
		{"item unknown source", intents(item(`"function": "scheduling", "node": "b", "delta_ms": 1, "sources": ["z"]`)), ErrUnknownNode, "intents[0].items[0].sources[0]"},
		{"item missing delta", intents(item(`"function": "scheduling", "node": "b", "sources": ["b"]`)), ErrInvalid, "intents[0].items[0].delta_ms"},
		{"item negative delta", intents(item(`"function": "scheduling", "node": "b", "delta_ms": -1, "sources": ["b"]`)), ErrNegative, "intents[0]"},
		{"item no source", intents(item(`"function": "scheduling", "node": "b", "delta_ms": 1`)), ErrInvalid, "no data source"},
		{"unreachable source", intents(item(`"function": "scheduling", "node": "b", "delta_ms": 1, "sources": ["c"]`)), ErrUnreachable, "intents[0]"},
		{"bad chi", intents(item(`"function": "scheduling", "node": "b", "chi": 2, "delta_ms": 1, "sources": ["b"]`)), ErrInvalid, "χ"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.err == nil {
				t.Fatal("accepted")
			}
			if !errors.Is(tc.err, tc.want) {
				t.Errorf("error %q does not wrap %v", tc.err, tc.want)
			}
			if !strings.Contains(tc.err.Error(), tc.key) {
				t.Errorf("error %q does not name %q", tc.err, tc.key)
			}
			if !strings.Contains(tc.err.Error(), ".json") {
				t.Errorf("error %q does not name the file", tc.err)
			}
		})
	}
}
