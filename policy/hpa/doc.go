// Package hpa is the stock Kubernetes HorizontalPodAutoscaler (CPU-utilisation target, default
// behaviour) as a pure function of time and observations, and a sim.Controller that scales AI
// services with it (the k8s-hpa baseline of issue 12).
//
// # Sources
//
// The algorithm follows, rewritten from the behaviour (no code copied), kubernetes/kubernetes
// pkg/controller/podautoscaler:
//
//   - replica_calculator.go, GetResourceReplicas and groupPods (Recommend): pods being deleted or
//     failed are ignored; pending pods are unready; pods without a metric are missing; for CPU, a pod
//     within --horizontal-pod-autoscaler-cpu-initialization-period (5 min) of its start counts only if
//     ready and its sample's window started after it became ready, and afterwards an unready pod is
//     left out only if its readiness last changed within --horizontal-pod-autoscaler-initial-readiness-delay
//     (30 s) of its start (never ready). The usage ratio is the ready pods' utilisation over the
//     target; within the tolerance (Tolerances.isWithin, 1 ± 0.1 inclusive) nothing changes, else
//     ⌈ratio · ready pods⌉. With missing pods, or unready ones on a scale-up, missing pods count as
//     max(100 %, target) of their request on a scale-down and 0 % on a scale-up, unready ones as 0 % on
//     a scale-up, and the recomputed ratio gives ⌈ratio' · pods⌉ unless it is in the band, across 1
//     from the first ratio, or moves the count against the direction.
//   - metrics/utilization.go, GetResourceUtilizationRatio: utilisation is an integer percent,
//     ⌊100 · Σ usage / Σ request⌋ over the pods counted.
//   - horizontal.go, reconcileAutoscaler, recordInitialRecommendation,
//     stabilizeRecommendationWithBehaviors, convertDesiredReplicasWithBehaviorRate,
//     calculateScaleUpLimitWithScalingRules, calculateScaleDownLimitWithBehaviors,
//     getReplicasChangePerPeriod (Autoscaler.Sync): a count outside [min, max] goes to the bound; the
//     current count is recorded as a recommendation at the first sync; a scale-down is stabilised to
//     the largest recommendation of the window (scale-up window 0 s); the scaling policies limit the
//     change relative to the count at the start of each policy period (events strictly within the
//     last period), selectPolicy Max; then the min/max clamp.
//   - pkg/apis/autoscaling/v2/defaults.go (default behaviour: scale-up Pods 4 and Percent 100 per 15 s,
//     scale-down Percent 100 per 15 s; target 80 %) and the documentation page "Horizontal Pod
//     Autoscaling" (kubernetes.io, docs/concepts/workloads/autoscaling/horizontal-pod-autoscale;
//     algorithm details: sync period 15 s, tolerance 0.1, downscale stabilisation 300 s).
//
// Not modelled: metrics other than one resource utilisation (several metrics take the maximum in
// Kubernetes), the legacy path without behaviour (limit max(2·current, 4)), scale to zero, separate
// up/down tolerances, and the Min/Disabled select policies.
//
// # The Controller
//
// The Controller runs one Autoscaler per configured AI service every sync period and maps the
// simulator onto pods:
//
//   - replicas: the service's instances that are neither draining nor retired (the spec count); a
//     draining one is a pod being deleted (ignored);
//   - metric: GPU by default (an AI replica's work here is GPU work), or CPU with
//     ControllerOptions.Resource = ResourceCPU (the paper's RIC pods: CPU work, cores over the CPU
//     request or the node's C_n, new replicas on the allowed node with the fewest replicas; the
//     rest as below with CPU for GPU): usage = GPU work served over the sync window / window, TFLOP/s, the work served being the
//     work arrived (Snapshot LastEpoch) plus the previous backlog minus the current one (BacklogGPU
//     covers active and waiting requests, so this is exact); request = ControllerOptions.Request or the
//     node's GPU capacity G_n, so the utilisation is the replica's share of its node's GPU; a replica on
//     a node that is down has no metric (missing);
//   - readiness: ready when active; starting (AddReplica's start-up), reconfiguring and down are not
//     ready; a replica's start time is the controller's last call before it first appears (exact for
//     the replicas it adds); it becomes ready at its AvailableAt, and any other readiness change is
//     dated at the controller's previous call;
//   - scale-up: AddReplica on the node that is up, has a GPU and has the most free VRAM that fits the
//     service's weights (ties: lowest index), one after the other; when no node fits, fewer are added
//     (a Kubernetes pod would stay Pending; here it does not exist and is proposed again);
//   - scale-down: RemoveReplica of the newest ready replica (highest index), then of the newest not
//     ready; never the last one.
//
// experiments/autoscale runs it on CPU (ResourceCPU) as the k8s-hpa method of ORAN-HAutoscaling's
// experiment; it is not in policy/registry.go, whose options carry no service or node list
// (docs/autoscale.md lists what is left of issue 12).
package hpa
