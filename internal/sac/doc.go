// Package sac implements Soft Actor-Critic (Haarnoja et al. 2018) for continuous actions on top of internal/nn.
//
// # Model
//
// The actor is one MLP mapping an observation s to 2d outputs, the means μ(s) and raw log-stds ρ(s)
// of d independent Gaussians. The log-stds are squashed smoothly into [LogStdMin, LogStdMax],
//
//	log σ = lo + (hi − lo)·(tanh ρ + 1)/2,
//
// and an action is a = tanh(u) with u = μ + σ⊙ε, ε ~ N(0, I) (the reparameterisation trick), so that
// a ∈ (−1, 1)^d. Its log-density, with the change of variables of Haarnoja et al. (2018, appendix C),
//
//	log π(a|s) = Σ_i [ −ε_i²/2 − log σ_i − log(2π)/2 − log(1 − tanh² u_i) ],
//	log(1 − tanh² u) = 2 (log 2 − u − softplus(−2u))   (numerically stable form).
//
// The deterministic (evaluation) action is tanh(μ(s)).
//
// # Losses (one gradient step on a minibatch B drawn uniformly from the replay buffer)
//
// Twin critics Q_1, Q_2 with Polyak-averaged targets Q̄_1, Q̄_2 and temperature α = exp(log α):
//
//	y = r + γ (1 − done) [ min_k Q̄_k(s', a') − α log π(a'|s') ],  a' ~ π(·|s')
//	J_Q(Q_k) = mean_B ½ (Q_k(s, a) − y)²,                             k = 1, 2
//	J_π = mean_B [ α log π(ã|s) − min_k Q_k(s, ã) ],                  ã = tanh(μ + σ⊙ε)
//	J(log α) = mean_B [ −log α · (log π(ã|s) + H̄) ],                  H̄ = −d by default
//	θ̄_k ← τ θ_k + (1 − τ) θ̄_k.
//
// The critics step first, then the actor (through the updated critics: ∂Q/∂a comes from nn's input
// gradient), then the temperature, then the targets, each with its own Adam. The actor's gradient with
// respect to its outputs, per sample and dimension, is
//
//	∂J/∂u = 2α·a − (1 − a²)·∂Q_k/∂a,  ∂J/∂μ = ∂J/∂u,  ∂J/∂log σ = ∂J/∂u · σε − α,
//
// with k the critic giving the minimum. Every random draw (initial weights, minibatches, ε) comes
// from PCG generators seeded by Options.Seed, so equal seeds and inputs give bit-identical networks.
package sac
