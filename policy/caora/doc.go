// Package caora is the CAORA baseline: a Soft Actor-Critic policy that splits each node's GPU and CPU between its RAN and AI instances by one learned share α, with placement held static.
//
// CAORA (S. D. A. Shah, M. Hafeez, A. Salama, S. A. R. Zaidi, "Proactive AI-and-RAN workload
// orchestration in O-RAN architectures for 6G networks", IEEE OJ-COMS 2025; ref. [13] of the HAF
// paper) trains a SAC agent (T. Haarnoja et al., "Soft Actor-Critic Algorithms and Applications",
// arXiv:1812.05905, 2018) that outputs one scalar α ∈ [0, 1] dividing a single MIG-partitioned GPU
// between RAN and AI. The HAF paper (section IV-2) applies α per node, lets a class take the whole
// node where it resides alone, keeps the placement static and reserves the same RAN floors (eq. 15)
// as every baseline. This package is that per-node extension: one actor, shared by all nodes
// (parameter sharing), maps each node's own state to its own α.
//
// # State, action, split
//
// At epoch t_k, for every node n hosting both a RAN instance (DU or CU-UP) and an AI instance, the
// state s_{n,k} ∈ R^14 is Features (see FeatureNames): the RAN and the AI demand per resource over
// the last window relative to the node's capacity, the RAN-floor use, the RAN and AI backlogs in
// seconds of work at full node capacity, request counts and VRAM use. The actor outputs
// u_{n,k} ∈ (−1, 1) (the mean tanh μ(s) when deployed, a sample while training) and
//
//	α_{n,k} = (u_{n,k} + 1)/2.
//
// Until t_{k+1} the engine (sim.SetShare) gives the node's RAN instances
// min(C, max(α·C, Σ RAN floors)) of each resource C and its AI instances the rest; the allocator
// (HAF's, as for HAF-Static) divides each class's part among its instances. Nodes where one class
// resides alone get NaN: that class takes the whole node.
//
// # Reward
//
// A request's SLO outcome is settled at its expiry arrival + τ_q: met if it finished by then, missed
// otherwise (also if still running, so starving a class is never rewarded by a missing vote). The
// reward of node n for slot (t_k, t_{k+1}] is the mean, over the outcome groups g ∈ G_{n,k}
// (large-AI, small-AI, RAN-only) with requests settled there, of their fulfilment,
//
//	r_{n,k} = (1/|G_{n,k}|) Σ_{g ∈ G_{n,k}} met_{n,g} / settled_{n,g},
//
// where a RAN-only request counts at the nodes of its cell's DU and CU-UP and an AI request at the
// nodes hosting a replica of its service (equal weights, as the critic's r̄; slots where nothing
// settled at n give no transition). Each epoch stores one transition (s_{n,k}, u_{n,k}, r_{n,k},
// s_{n,k+1}) per mixed node, and SAC maximises
//
//	J(π) = E[ Σ_k γ^k ( r_{n,k} + α_H · H(π(·|s_{n,k})) ) ]
//
// with twin critics, Polyak targets and the temperature α_H tuned towards the entropy −1 (package
// internal/sac gives the losses). Learner and Episode run this training on any static-placement
// configuration.
//
// # The completions reward (variant in CAORA's favour)
//
// The reward above is the literal reading (RewardFulfilment, the default). It only sees deadlines: a
// group that misses them whatever α (the co-located LLMs of the paper's scenario) scores 0 whether
// its node serves half or all of its requests, so a split that halves the large-AI throughput ties
// one that does not. LearnOptions.Reward = RewardCompletions (registered as CompletionsName) also
// credits work served: with a_{n,g} and d_{n,g} the requests of group g that arrived at node n in
// the slot and those completed there (met or late), each group scores the mean of its fulfilment and
// its completed share,
//
//	r_{n,k} = (1/|G'_{n,k}|) Σ_{g ∈ G'_{n,k}} ½ ( met_{n,g}/settled_{n,g} + d_{n,g}/max(a_{n,g}, d_{n,g}) ),
//
// where G'_{n,k} are the groups with requests settled, arrived or completed at n, and a term whose
// group has no such requests is left out of that group's mean. Arrivals rather than settled requests
// are the denominator so that a starved group scores 0 at once; the share is capped at 1 so that
// draining a backlog never pays more than keeping up; and equal weights keep a request met worth
// more than one served late. Of two slots meeting the same deadlines, the one completing fewer
// requests now scores lower. The alternative, a latency penalty, was not chosen: a request's latency
// is known only when it completes, so a starved group would again cast no vote.
//
// # The embedded actor
//
// actor.json is reproduced byte for byte (on the same CPU architecture) by
//
//	go run ./experiments/traincaora --out out/traincaora && cp out/traincaora/actor.json policy/caora/actor.json
//
// and checked by `go run ./experiments/traincaora --check`; actor_completions.json, the actor of
// RewardCompletions, likewise with `--reward completions` (60 episodes instead of 30: its α is still
// falling after 30). In the paper's scenario the only mixed node hosts three DUs and both LLMs; the
// RAN floors already protect RAN-only requests and the LLMs miss their deadlines whatever α, so
// fixed shares from 0 to 1 give the same fulfilment and the fulfilment reward carries no signal
// (traincaora's report shows the scan): the trained α is close to the entropy-maximising 0.5, CAORA
// lands on HAF-Static's fulfilment, as in the paper's Table III, but completes half as many large-AI
// requests. The completions reward sees the difference: its actor learns α ≈ 0.04 on that node and
// completes about 97 % of HAF-Static's large-AI requests (evaluation seed, ρ = 1).
package caora
