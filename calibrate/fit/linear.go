package fit

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"

	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/stat"
)

// Value is a float64 that survives JSON when it is NaN or infinite (unknown): it is written as null.
type Value float64

// MarshalJSON writes null for NaN and ±Inf.
func (v Value) MarshalJSON() ([]byte, error) {
	if math.IsNaN(float64(v)) || math.IsInf(float64(v), 0) {
		return []byte("null"), nil
	}
	return json.Marshal(float64(v))
}

// UnmarshalJSON reads null as NaN.
func (v *Value) UnmarshalJSON(b []byte) error {
	if bytes.Equal(b, []byte("null")) {
		*v = Value(math.NaN())
		return nil
	}
	var f float64
	err := json.Unmarshal(b, &f)
	*v = Value(f)
	return err
}

// Line is an ordinary least-squares fit y = Intercept + Slope·x with its diagnostics.
type Line struct {
	Intercept float64   `json:"intercept"`
	Slope     float64   `json:"slope"`
	SlopeSE   float64   `json:"slope_se"` // standard error of Slope (0 with 2 points)
	R2        float64   `json:"r2"`       // coefficient of determination
	RMSE      float64   `json:"rmse"`     // root-mean-square residual, in y's unit
	MaxAbsRes float64   `json:"max_abs_residual"`
	N         int       `json:"n"`
	X         []float64 `json:"x"`
	Y         []float64 `json:"y"`
	Residuals []float64 `json:"residuals"` // y − fitted, per point
}

// ErrDegenerate is returned by Linear when the points do not determine a line.
var ErrDegenerate = errors.New("fit: fewer than 2 distinct x values")

// Linear fits a line to the points (x[i], y[i]) by ordinary least squares (gonum stat.LinearRegression).
// It returns ErrDegenerate for fewer than two distinct x values and an error for slices of different
// lengths or non-finite values. R² is 1 when every y is equal and fitted exactly.
func Linear(x, y []float64) (Line, error) {
	if len(x) != len(y) {
		return Line{}, fmt.Errorf("fit: %d x values but %d y values", len(x), len(y))
	}
	for i := range x {
		if math.IsNaN(x[i]+y[i]) || math.IsInf(x[i]+y[i], 0) {
			return Line{}, fmt.Errorf("fit: point %d (%v, %v) is not finite", i, x[i], y[i])
		}
	}
	if len(x) < 2 || floats.Min(x) == floats.Max(x) {
		return Line{}, ErrDegenerate
	}
	l := Line{N: len(x), X: append([]float64(nil), x...), Y: append([]float64(nil), y...)}
	l.Intercept, l.Slope = stat.LinearRegression(x, y, nil, false)
	l.Residuals = make([]float64, len(x))
	ssr := 0.0
	for i := range x {
		r := y[i] - l.Intercept - l.Slope*x[i]
		l.Residuals[i], ssr = r, ssr+r*r
		l.MaxAbsRes = math.Max(l.MaxAbsRes, math.Abs(r))
	}
	l.RMSE = math.Sqrt(ssr / float64(len(x)))
	l.R2 = 1
	if sst := stat.Variance(y, nil) * float64(len(y)-1); sst > 0 {
		l.R2 = stat.RSquared(x, y, nil, l.Intercept, l.Slope)
	}
	if len(x) > 2 {
		sxx := stat.Variance(x, nil) * float64(len(x)-1)
		l.SlopeSE = math.Sqrt(ssr / float64(len(x)-2) / sxx)
	}
	return l, nil
}

// At returns the fitted y at x.
func (l Line) At(x float64) float64 { return l.Intercept + l.Slope*x }
