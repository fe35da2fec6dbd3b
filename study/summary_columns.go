package study

// frac is the Doc of a fulfillment column: met / all requests of the group, NaN for an empty group.
func frac(group string) string {
	return "fulfillment of " + group + ": met / all; NaN (CSV), null (JSON) if none"
}

// builtinColumns are the columns of summary.csv in order, then the JSON-only ones. Add a built-in
// column here (and its field to Result); an outside study adds one with Spec.Measures instead.
var builtinColumns = Columns{
	{Name: "load", Doc: "requested load ρ", Field: func(r *Result) any { return &r.Load }},
	{Name: "rho", Doc: "load achieved, ρ = f·λ_AI·W̄_AI / (G − max(f·λ_RAN·W̄_DU, R)) (docs/model.md §12)", Field: func(r *Result) any { return &r.Rho }},
	{Name: "method", Doc: "registered method name", Field: func(r *Result) any { return &r.Method }},
	{Name: "agent", Doc: "agent spec of haf, haf-nocritic and haf+hpa (heuristic if none was given); empty for other methods", Field: func(r *Result) any { return &r.Agent }},
	{Name: "seed", Doc: "run seed", Field: func(r *Result) any { return &r.Seed }},
	{Name: "requests", Unit: "requests", Doc: "|Q|, records emitted (finished + unfinished + dropped)", Field: func(r *Result) any { return &r.Requests }},
	{Name: "overall", Unit: "fraction", Doc: frac("all requests"), Field: func(r *Result) any { return &r.Overall }},
	{Name: "ran", Unit: "fraction", Doc: frac("RAN-only requests (URLLC and eMBB)"), Field: func(r *Result) any { return &r.RAN }},
	{Name: "ai", Unit: "fraction", Doc: frac("AI requests"), Field: func(r *Result) any { return &r.AI }},
	{Name: "large_ai", Unit: "fraction", Doc: frac("large-AI requests"), Field: func(r *Result) any { return &r.LargeAI }},
	{Name: "small_ai", Unit: "fraction", Doc: frac("small-AI requests"), Field: func(r *Result) any { return &r.SmallAI }},
	{Name: "urllc", Unit: "fraction", Doc: frac("URLLC requests"), Field: func(r *Result) any { return &r.URLLC }},
	{Name: "embb", Unit: "fraction", Doc: frac("eMBB requests"), Field: func(r *Result) any { return &r.EMBB }},
	{Name: "unfinished", Unit: "requests", Doc: "requests neither finished nor dropped at the horizon", Field: func(r *Result) any { return &r.Unfinished }},
	{Name: "dropped", Unit: "requests", Doc: "requests whose KV cache could never fit", Field: func(r *Result) any { return &r.Dropped }},
	{Name: "migrations_large", Unit: "migrations", Doc: "committed migrations of large-AI instances", Field: func(r *Result) any { return &r.MigrationsLarge }},
	{Name: "migrations_total", Unit: "migrations", Doc: "committed migrations of all instances", Field: func(r *Result) any { return &r.MigrationsTotal }},
	{Name: "rejected_actions", Unit: "actions", Doc: "actions of the controllers' plans the engine rejected as infeasible", Field: func(r *Result) any { return &r.Rejected }},
	{Name: "ran_infeasible_allocations", Unit: "node reallocations", Doc: "reallocations whose RAN floors exceeded capacity beyond the rounding tolerance (scaled down) or had slack < −1 ns", Field: func(r *Result) any { return &r.RANInfeasible }},
	{Name: "ai_latency_p50_s", Unit: "s", Doc: "median latency of finished AI requests; NaN if none", Field: func(r *Result) any { return &r.AIP50 }},
	{Name: "ai_latency_p99_s", Unit: "s", Doc: "99th-percentile latency of finished AI requests; NaN if none", Field: func(r *Result) any { return &r.AIP99 }},
	{Name: "ran_latency_p99_s", Unit: "s", Doc: "99th-percentile latency of finished RAN-only requests; NaN if none", Field: func(r *Result) any { return &r.RANP99 }},
	{Name: "events", Unit: "events", Doc: "events processed by the engine", Field: func(r *Result) any { return &r.Events }},
	{Name: "sim_end_s", Unit: "s", Doc: "simulated time at which the run ended", Field: func(r *Result) any { return &r.SimEndS }},
	{Name: "agent_epochs", Unit: "epochs", Doc: "placement epochs at which the agent was asked for a shortlist", Field: func(r *Result) any { return &r.AgentEpochs }},
	{Name: "agent_fallbacks", Unit: "epochs", Doc: "epochs whose agent answer was unusable, so the heuristic's shortlist was used", Field: func(r *Result) any { return &r.AgentFallbacks }},
	{Name: "fallback_reasons", Doc: "reason=count pairs joined by ;, sorted by reason; empty if no fallback", Field: func(r *Result) any { return &r.FallbackReasons }},
	{Name: "critic_vetoes", Unit: "epochs", Doc: "epochs at which the critic kept the placement against the agent's first choice", Field: func(r *Result) any { return &r.CriticVetoes }},
	{Name: "decision_latency_ms", Unit: "ms", Doc: "mean wall-clock agent latency per agent epoch; NaN without agent epochs", Field: func(r *Result) any { return &r.DecisionMS }},
	{Name: "prompt_tokens", Unit: "tokens", Doc: "mean prompt tokens per agent epoch; NaN without agent epochs", Field: func(r *Result) any { return &r.PromptTokens }},
	{Name: "completed", Unit: "requests", Doc: "requests finished before the horizon, met or not, all classes", Field: func(r *Result) any { return &r.Completed }},
	{Name: "large_ai_completed", Unit: "requests", Doc: "large-AI requests finished before the horizon, met or not", Field: func(r *Result) any { return &r.LargeAICompleted }},
	{Name: "small_ai_completed", Unit: "requests", Doc: "small-AI requests finished before the horizon, met or not", Field: func(r *Result) any { return &r.SmallAICompleted }},
	{Name: "ai_latency_mean_s", Unit: "s", Doc: "mean latency of finished AI requests (exact, not binned); NaN if none", Field: func(r *Result) any { return &r.AIMean }},
	{Name: "large_ai_latency_mean_s", Unit: "s", Doc: "mean latency of finished large-AI requests (exact); NaN if none", Field: func(r *Result) any { return &r.LargeAIMean }},
	{Name: "ran_rounding_allocations", Unit: "node reallocations", Doc: "reallocations whose RAN floors exceeded capacity (or slack ≤ 0) only within the rounding tolerances; not in ran_infeasible_allocations", Field: func(r *Result) any { return &r.RANRounding }},
	{Name: "ran_met_by_tolerance", Unit: "requests", Doc: "RAN-only requests counted as met only thanks to the 1 ns tolerance (latency above the deadline by ≤ 1 ns)", Field: func(r *Result) any { return &r.RANTolerated }},
	{Name: "ran_deadline_used_max", Unit: "fraction", Doc: "largest latency/deadline of a finished RAN-only request (1: at the deadline); NaN if none", Field: func(r *Result) any { return &r.RANDeadlineUsed }},
	{Name: "replicas_added", Unit: "replicas", Doc: "replicas added by the controllers (AddReplica applied)", Field: func(r *Result) any { return &r.ReplicasAdded }},
	{Name: "energy_j", Unit: "J", Doc: "energy of every node over the run, exact: Σ_n (idle power × time up + (max − idle) × ∫ utilisation dt), GPU and CPU, the scenario's power models (docs/power.md)", Field: func(r *Result) any { return &r.EnergyJ }},
	{Name: "energy_per_met_j", Unit: "J/request", Doc: "energy_j per request that met its deadline (all classes); NaN if none met", Field: func(r *Result) any { return &r.EnergyPerMetJ }},
	{Name: "wall_s", Unit: "s", Doc: "wall-clock time of the simulation", JSONOnly: true, Field: func(r *Result) any { return &r.WallS }},
}
