// Package allocator divides one resource (GPU or CPU) of one node among its resident instances at every
// simulation event: the HAF closed form of eqs. (16)-(19) and the equal-share, MaxWeight and proportional
// baselines.
//
// # Model
//
// The engine calls an allocator separately for the GPU and for the CPU of each node, because problem (16)
// of the HAF paper is additive in the GPU and CPU variables and separates into two independent
// sub-problems. For one resource of capacity C and resident instances i with residual work Ψ_i (eq. 13),
// urgency ω_i (eq. 14) and RAN floor f_i (eq. 15; zero for non-RAN instances) the sub-problem is
//
//	minimise   Σ_i ω_i Ψ_i / x_i                  (16a)
//	subject to Σ_i x_i ≤ C                        (16b)
//	           x_i ≥ f_i  for every i             (16c, 16d)
//
// It is convex, and its KKT conditions give the water-filling solution
//
//	x_i = max(f_i, k·sqrt(ω_i Ψ_i)),  k ≥ 0 such that Σ_i x_i = C,
//
// which is the square-root proportionality of eq. (17) on the unclipped set U with the floor-bound set B
// fixed at its floors (eqs. 18-19): x_i = C̃ sqrt(ω_iΨ_i) / Σ_{j∈U} sqrt(ω_jΨ_j), C̃ = C − Σ_{j∈B} f_j.
// [HAF] computes it by active-set clipping. The baselines give every instance its floor f_i first and
// then divide the residual C̃ = C − Σ_i f_i differently:
//
//	EqualShare:    x_i = f_i + C̃/k for the k instances with Ψ_i > 0                  (Round-Robin)
//	MaxWeight:     x_i = f_i + C̃/k for the k instances with ω_iΨ_i = max_j ω_jΨ_j > 0 (Lyapunov)
//	Proportional:  x_i = f_i + C̃·ω_iΨ_i / Σ_j ω_jΨ_j                                (Game Theory)
//
// so for the same weight ω_iΨ_i, HAF allocates in proportion to its square root (clipped at the
// floors), Proportional shares the residual linearly and MaxWeight winner-take-all. [EqualShare] is the Round-Robin baseline,
// [MaxWeight] the MaxWeight rule of Tassiulas and Ephremides over the residual capacity, and
// [Proportional] Kelly's proportional market clearing with bids b_i = ω_iΨ_i.
//
// # Units
//
// For the GPU, capacity, floors and allocations are in TFLOP/s and work in TFLOP; for the CPU, capacity,
// floors and allocations are in cores and work in core-seconds. Urgency is in 1/s. The allocators never
// look at the unit: they only need capacity, floors and allocations to share one.
//
// # Contract shared by all allocators
//
//   - Floors are feasible iff Σ f_i ≤ C. Otherwise (including any positive floor with C ≤ 0) each
//     instance gets its floor scaled by the same factor so that the floors use the whole capacity (all
//     zero if C ≤ 0), nothing else is given, and Allocate returns false, which the engine counts as a
//     RAN-infeasible allocation event when Σ f_i > C·(1 + sim.RANFloorTolerance), else as rounding.
//   - Σ out ≤ C holds exactly in float64 (summed in index order). To guarantee it despite rounding,
//     the allocators distribute C·(1 − 8(n+1)·2⁻⁵³) − 8(n+1)·2⁻¹⁰⁷⁴ instead of C, so the capacity left
//     unused is below 1e-12·C for up to 1000 instances and C ≥ 1e-290.
//   - Every out[i] is finite and ≥ 0, and out[i] ≥ f_i exactly whenever the floors are feasible.
//   - Negative Work, Urgency or Floor (rounding residue of residual-work bookkeeping) are treated as 0.
//     NaN or infinite values, or len(out) < len(d), are programmer errors and panic. Values whose
//     products ω·Ψ overflow float64 are outside the supported range.
//   - Allocate does not allocate memory and does not retain its arguments.
//
// # References
//
// H. Li, Y. Wu, D. Simeonidou, "Deadline-Driven Hierarchical Agentic Resource Sharing for AI Services and
// RAN Functions in AI-RAN", arXiv:2605.07547, 2026, section III-C, eqs. (13)-(19). The water-filling form
// is the standard KKT solution of a separable convex resource-allocation problem; see S. Boyd and
// L. Vandenberghe, Convex Optimization, Cambridge University Press, 2004, section 5.5.3.
// L. Tassiulas and A. Ephremides, "Stability properties of constrained queueing systems and scheduling
// policies for maximum throughput in multihop radio networks", IEEE Trans. Automatic Control 37(12),
// 1992 (MaxWeight). F. Kelly, "Charging and rate control for elastic traffic", European Transactions on
// Telecommunications 8(1), 1997 (proportional allocation of a resource to bids).
package allocator
