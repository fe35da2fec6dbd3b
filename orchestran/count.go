package orchestran

// PaperCount is the paper's size estimate N_OPT = |x| + |y| + |z| with |x| = I·F·D²·M·C_max,
// |y| = I and |z| = M·D·C_max (section VI).
func PaperCount(i, f, d, m, cmax int64) int64 {
	return i*f*d*d*m*cmax + i + m*d*cmax
}

// VarCount is the number of x variables of problem (10) at each pruning level (the paper's Fig. 5),
// with the counts of y and z.
type VarCount struct {
	Full  int64 // every (i, f, d, m, k, d'): I·F·D·Σ_m Σ_d' C_{m,d'}
	FP    int64 // function-aware pruning: τ_{i,f,d} = 1 and σ_{m,f} = 1
	FPAP  int64 // plus architecture-aware pruning: c_{d,d'} = 1
	Exact int64 // plus the exact filters: quality (2), deadline (5), sources reached, k ≤ floor(ρ_d/ρ_m), k = 1 when sharing
	Y, Z  int64 // |y| = I; |z| = Σ_m Σ_d C_{m,d}
}

// Count returns the variable counts of p.
func (p *Problem) Count() VarCount {
	var v VarCount
	c := int64(p.Options.MaxInstances)
	nd, nm := int64(len(p.Tree.Nodes)), int64(len(p.Catalog.Models))
	v.Y = int64(len(p.Intents))
	v.Z = nm * nd * c
	v.Full = v.Y * int64(len(p.Catalog.Functions)) * nd * nm * nd * c
	for i, in := range p.Intents {
		for j, it := range in.Items {
			for m := range p.Catalog.Models {
				if !p.Catalog.Sigma(m, it.Func) {
					continue
				}
				v.FP += nd * c
				for h := range p.Tree.Nodes {
					if p.Tree.Reachable(it.Node, h) {
						v.FPAP += c
					}
				}
			}
			for _, cd := range p.cands[i][j] {
				v.Exact += int64(p.exactInstances(cd.Model, cd.Host))
			}
		}
	}
	return v
}
