package fit

import (
	"encoding/json"
	"errors"
	"math"
	"strings"
	"testing"
)

func TestLinear(t *testing.T) {
	tests := []struct {
		name           string
		x, y           []float64
		a, b, r2, rmse float64
		err            string
	}{
		{"exact", []float64{1, 2, 3, 4}, []float64{3, 5, 7, 9}, 1, 2, 1, 0, ""},
		{"flat", []float64{1, 2, 3}, []float64{4, 4, 4}, 4, 0, 1, 0, ""},
		// y = 0,1,0,1 at x = 0..3: b = 0.2, a = 0.2, residuals −0.2, 0.6, −0.6, 0.2.
		{"noisy", []float64{0, 1, 2, 3}, []float64{0, 1, 0, 1}, 0.2, 0.2, 0.2, math.Sqrt(0.2), ""},
		{"two points", []float64{0, 10}, []float64{1, 2}, 1, 0.1, 1, 0, ""},
		{"one x", []float64{5, 5}, []float64{1, 2}, 0, 0, 0, 0, "distinct"},
		{"empty", nil, nil, 0, 0, 0, 0, "distinct"},
		{"lengths", []float64{1, 2}, []float64{1}, 0, 0, 0, 0, "2 x values but 1"},
		{"NaN", []float64{1, 2}, []float64{1, math.NaN()}, 0, 0, 0, 0, "not finite"},
	}
	const eps = 1e-12
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l, err := Linear(tt.x, tt.y)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("err = %v, want …%s…", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if math.Abs(l.Intercept-tt.a) > eps || math.Abs(l.Slope-tt.b) > eps || math.Abs(l.R2-tt.r2) > eps || math.Abs(l.RMSE-tt.rmse) > eps {
				t.Errorf("got a %v b %v R² %v rmse %v", l.Intercept, l.Slope, l.R2, l.RMSE)
			}
			for i, r := range l.Residuals {
				if math.Abs(r-(tt.y[i]-l.At(tt.x[i]))) > eps {
					t.Errorf("residual %d = %v", i, r)
				}
			}
		})
	}
	if _, err := Linear([]float64{1}, []float64{1}); !errors.Is(err, ErrDegenerate) {
		t.Errorf("one point: %v", err)
	}
	// Slope standard error of the "noisy" case: sqrt(SSR/(n−2)/Sxx) = sqrt(0.8/2/5).
	l, _ := Linear([]float64{0, 1, 2, 3}, []float64{0, 1, 0, 1})
	if math.Abs(l.SlopeSE-math.Sqrt(0.08)) > 1e-12 || math.Abs(l.MaxAbsRes-0.6) > 1e-12 {
		t.Errorf("SE %v max %v", l.SlopeSE, l.MaxAbsRes)
	}
}

func TestValueJSON(t *testing.T) {
	b, _ := json.Marshal([]Value{1.5, Value(math.NaN()), Value(math.Inf(1))})
	if string(b) != "[1.5,null,null]" {
		t.Fatalf("%s", b)
	}
	var v []Value
	if err := json.Unmarshal(b, &v); err != nil || v[0] != 1.5 || !math.IsNaN(float64(v[1])) {
		t.Errorf("%v %v", v, err)
	}
}
