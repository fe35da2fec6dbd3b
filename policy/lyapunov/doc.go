// Package lyapunov is the Lyapunov baseline of the HAF paper (section IV-2): a single-layer reactive
// controller that places instances by drift-plus-penalty and allocates by MaxWeight.
//
// # Allocation
//
// The fast timescale is [allocator.MaxWeight]: each instance first gets its RAN floor (eq. 15), then
// the residual capacity goes to the instance of largest urgency-weighted backlog ω_iΨ_i.
//
// # Placement
//
// Every slot of length T (the placement epoch) the policy treats each instance i as a queue on its
// dominant resource r_i (GPU for DU and AI services, CPU for CU-UP). To compare GPU and CPU queues, work
// is expressed in seconds of the largest node of that resource, Ĉ_r = max_n C_{n,r}:
//
//	Q_i = Ψ_i / Ĉ_r                       backlog (residual work, active and waiting), s
//	a_i = λ_i / Ĉ_r                       λ_i: work arrived over the last window / its length
//	d_i = (λ_i + Ψ_i/T) / Ĉ_r             demand, Snapshot.Demand(i, r_i, T) / Ĉ_r
//
// With the quadratic Lyapunov function L = ½ Σ_i Q_i², the one-slot drift is bounded by a constant plus
// T·D (Neely 2010, ch. 3), where D is estimated for a placement decision m (one migration, or the no-op)
// as
//
//	D(m) = Σ_i Q_i (a_i − μ_i(m))
//	μ_i(m) = min( (1/T) ∫_0^T x_i(t) dt / Ĉ_r ,  Q_i/T + a_i )
//
// x_i(t) is the rate MaxWeight gives i on its node (after m) among the instances available at t,
// with weights Ψ_i (the snapshot carries no urgency) and the current floors f_i. An instance in
// reconfiguration, including the one m moves, gets nothing until its R_s has elapsed, and the others
// on its node share the capacity without it meanwhile. The cap says an instance cannot be served more
// than its backlog plus its arrivals within the slot. The penalty of moving instance i is the work its
// interruption stalls,
//
//	P(m) = R_s · d_i   (s; 0 for the no-op),
//
// and the policy commits the decision of least J(m) = D(m) + V·P(m) if it is strictly below J(no-op)
// = D(no-op): at most one migration per slot, among every move of an instance that is not
// reconfiguring to a node whose free VRAM fits its weights M_s. Ties go to the first candidate in
// instance, then node order, so the policy is deterministic.
//
// # Defaults
//
// Slot T = 5 s is the paper's placement epoch Δ (Table I): the baseline decides as often as HAF and its
// drift looks exactly as far ahead as the next decision. V = 1: D and P are then both measured in
// seconds of normalised work, so a migration is taken when the backlog-weighted service it adds within
// the slot exceeds the work its interruption stalls, with no further exchange rate. Larger V trades
// backlog for fewer migrations (Neely's O(1/V) penalty gap against O(V) backlog). Because the drift
// looks only one slot ahead, a move whose R_s exceeds T (a large-AI model, 8 s) gains nothing within
// the slot and is practically never chosen; this myopia is what the paper reports of the baseline
// (migrations confined to DU, CU-UP and small-AI).
//
// # Horizon variant
//
// The slot length is an open choice of the paper, and with one slot the baseline cannot see past an
// 8 s reload. Options.Horizon = H > 1 (registered as HorizonName with H = HorizonSlots = 4, i.e.
// 20 s at T = 5 s) estimates the drift over the window W = H·T instead: outages, service and its cap
// are taken over W (μ_i(m) = min((1/W)∫_0^W x_i dt / Ĉ_r, Q_i/W + a_i)), and the mean drift D_W(m)
// is counted once per slot of the window, against the penalty paid once,
//
//	J_H(m) = H·D_W(m) + V·P(m),   P(m) = R_s · d_i as above (d_i over one slot T),
//
// committed if strictly below J_H(no-op) = H·D_W(no-op). Backlogs are held at their snapshot values
// over the window (no queue dynamics within it), and decisions are still taken every slot. H = 1 is
// exactly the paper's reading. On two equal backlogged LLMs sharing one node at load 1.5 (the
// paper scenario's hotspot in miniature) H = 1 and 3 keep both, H = 4 moves one (horizon_test.go);
// this choice is made in the baseline's favour for the robustness study (docs/robustness.md).
//
// # References
//
// M. J. Neely, Stochastic Network Optimization with Application to Communication and Queueing Systems,
// Morgan & Claypool, 2010 (drift-plus-penalty). L. Tassiulas and A. Ephremides, "Stability properties of
// constrained queueing systems and scheduling policies for maximum throughput in multihop radio
// networks", IEEE Trans. Automatic Control 37(12), 1992 (MaxWeight). H. Li, Y. Wu, D. Simeonidou,
// arXiv:2605.07547, 2026, section IV-2 (the baseline).
package lyapunov
