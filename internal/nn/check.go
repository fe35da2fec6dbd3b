package nn

import (
	"errors"
	"fmt"
	"math"
)

// checkData validates a regression data set against m: equal non-zero row
// counts, row widths matching the net, and finite inputs and unmasked targets.
func checkData(m *MLP, X, Y [][]float64, mask [][]bool) error {
	if len(X) == 0 {
		return errors.New("nn: no training samples")
	}
	if len(Y) != len(X) {
		return fmt.Errorf("nn: %d targets for %d samples", len(Y), len(X))
	}
	if mask != nil && len(mask) != len(X) {
		return fmt.Errorf("nn: %d mask rows for %d samples", len(mask), len(X))
	}
	nIn, nOut := m.Inputs(), m.Outputs()
	for i := range X {
		if len(X[i]) != nIn {
			return fmt.Errorf("nn: X[%d] has %d values, want %d", i, len(X[i]), nIn)
		}
		if err := checkFinite(fmt.Sprintf("X[%d]", i), X[i]); err != nil {
			return err
		}
		if len(Y[i]) != nOut {
			return fmt.Errorf("nn: Y[%d] has %d values, want %d", i, len(Y[i]), nOut)
		}
		if mask != nil && len(mask[i]) != nOut {
			return fmt.Errorf("nn: mask[%d] has %d values, want %d", i, len(mask[i]), nOut)
		}
		for k, y := range Y[i] {
			if (mask == nil || mask[i][k]) && (math.IsNaN(y) || math.IsInf(y, 0)) {
				return fmt.Errorf("nn: unmasked Y[%d][%d] is %v, want a finite number", i, k, y)
			}
		}
	}
	return nil
}
