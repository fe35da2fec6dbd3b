package nn

import (
	"bytes"
	"encoding/json"
	"math"
	"strings"
	"testing"

	"github.com/airansim/airansim/rng"
)

func TestJSONRoundTrip(t *testing.T) {
	for _, act := range []Activation{ReLU, Tanh, Sigmoid, Identity} {
		m := testNet(t, []int{3, 5, 4, 2}, act, Sigmoid, uint64(act)+1)
		data := saved(t, m)
		got, err := Load(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("%v: %v", act, err)
		}
		if again := saved(t, got); !bytes.Equal(again, data) {
			t.Fatalf("%v: re-saved bytes differ:\n%s\n%s", act, data, again)
		}
		r := rng.New(5, "test/inputs")
		for range 20 {
			x := []float64{r.NormFloat64(), r.NormFloat64(), r.NormFloat64()}
			a, b := m.Forward(x, nil), got.Forward(x, nil)
			for k := range a {
				if a[k] != b[k] {
					t.Fatalf("%v: output %d after round trip %v, want %v", act, k, b[k], a[k])
				}
			}
		}
		var viaStd MLP // encoding/json path used when embedded in other structs
		if err := json.Unmarshal(data, &viaStd); err != nil {
			t.Fatal(err)
		}
		if enc, _ := json.Marshal(&viaStd); !bytes.Equal(append(enc, '\n'), data) {
			t.Fatalf("%v: json.Marshal differs from Save", act)
		}
	}
}

func TestLoadRejects(t *testing.T) {
	const good = `{"version":1,"sizes":[2,1],"activations":["tanh"],"weights":[[0.5,-1]],"biases":[[0.1]]}`
	if _, err := Load(strings.NewReader(good)); err != nil {
		t.Fatalf("valid input rejected: %v", err)
	}
	cases := []struct{ name, old, new, want string }{
		{"version", `"version":1`, `"version":2`, "unsupported format version 2"},
		{"no version", `"version":1,`, ``, "unsupported format version 0"},
		{"too few sizes", `[2,1]`, `[2]`, "at least 2 layer sizes"},
		{"zero size", `[2,1]`, `[0,1]`, "layer size 0 is 0"},
		{"activation count", `["tanh"]`, `["tanh","relu"]`, "2 activations for 1 layers"},
		{"activation name", `"tanh"`, `"swish"`, `unknown activation "swish"`},
		{"weight layers", `[[0.5,-1]]`, `[[0.5,-1],[1]]`, "weights has 2 layers, want 1"},
		{"weight shape", `[0.5,-1]`, `[0.5]`, "weights[0] has 1 values, want 2"},
		{"bias shape", `[[0.1]]`, `[[0.1,0]]`, "biases[0] has 2 values, want 1"},
		{"missing biases", `,"biases":[[0.1]]`, ``, "biases has 0 layers, want 1"},
		{"NaN literal", `-1`, `NaN`, "decode network"},
		{"Inf overflow", `-1`, `1e999`, "decode network"},
		{"unknown field", `"version":1`, `"version":1,"extra":0`, "unknown field"},
		{"trailing data", `]]}`, `]]}{}`, "trailing data"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			in := strings.Replace(good, c.old, c.new, 1)
			if in == good {
				t.Fatal("test case did not change the input")
			}
			_, err := Load(strings.NewReader(in))
			if err == nil || !strings.HasPrefix(err.Error(), "nn: ") || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("error %v, want nn: ...%q", err, c.want)
			}
		})
	}
}

func TestNonFiniteWeightsRejected(t *testing.T) {
	f := mlpJSON{Version: 1, Sizes: []int{2, 1}, Activations: []string{"relu"},
		Weights: [][]float64{{0, math.NaN()}}, Biases: [][]float64{{0}}}
	if _, err := fromJSON(f); err == nil || !strings.Contains(err.Error(), "nn: weights[0][1] is NaN") {
		t.Fatalf("NaN weight: error %v", err)
	}
	f.Weights[0][1], f.Biases[0][0] = 0, math.Inf(-1)
	if _, err := fromJSON(f); err == nil || !strings.Contains(err.Error(), "nn: biases[0][0] is -Inf") {
		t.Fatalf("Inf bias: error %v", err)
	}
	m := testNet(t, []int{2, 1}, ReLU, ReLU, 1)
	m.params[1] = math.NaN()
	if err := m.Save(new(bytes.Buffer)); err == nil || !strings.HasPrefix(err.Error(), "nn: parameters[1] is NaN") {
		t.Fatalf("Save of NaN net: error %v", err)
	}
}
