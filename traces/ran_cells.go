package traces

// cellPicker chooses a RAN request's cell in proportion to the cells' rates: the first cell whose
// cumulative rate exceeds a uniform draw x in [0, total). A guide table over [0, total) in as many
// equal buckets as cells (Chen and Asau's guide table) makes it O(1) expected per draw, where a scan
// of the cumulative rates cost O(cells) (the generated 498-cell clusters); the answer is the scan's
// for every x, so the requests are the same. It is immutable after newCellPicker (forks share it).
type cellPicker struct {
	cum   []float64 // cumulative cell rates
	total float64   // cum's last value
	start []int32   // start[k]: the first cell i with cum[i] > low(k)
}

// newCellPicker returns the picker over the cumulative rates cum (non-decreasing, last > 0).
func newCellPicker(cum []float64) cellPicker {
	p := cellPicker{cum: cum, total: cum[len(cum)-1], start: make([]int32, len(cum))}
	i := 0
	for k := range p.start {
		for i < len(cum)-1 && !(p.low(k) < cum[i]) {
			i++
		}
		p.start[k] = int32(i)
	}
	return p
}

// low returns the lower end of bucket k, computed the same way wherever it is used.
func (p *cellPicker) low(k int) float64 { return p.total * float64(k) / float64(len(p.start)) }

// pick returns the first cell i with x < cum[i], or the last cell if there is none. Cells before
// start[k] have cum ≤ low(k) ≤ x, so none of them is the answer; k is stepped back if rounding put
// x below its bucket's lower end.
func (p *cellPicker) pick(x float64) int {
	k := int(x / p.total * float64(len(p.start)))
	k = min(max(k, 0), len(p.start)-1)
	for k > 0 && p.low(k) > x {
		k--
	}
	i := int(p.start[k])
	for i < len(p.cum)-1 && !(x < p.cum[i]) {
		i++
	}
	return i
}
