package agent

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/airansim/airansim/sim"
)

// SystemPolicy is the first part of the prompt: the ordered decision priorities of the paper's
// placement layer (section III-A).
const SystemPolicy = `You are the placement agent of an AI-RAN edge cluster. Nodes share GPU, GPU memory (VRAM) and CPU between RAN functions (DU on GPU, CU-UP on CPU) and AI services (large LLMs, small models). Every few seconds you may move ONE instance to another node. Priorities, in this order:
1. Protect RAN deadlines: prefer moves that relieve GPU/CPU pressure on nodes whose RAN floors (capacity reserved for DU/CU-UP deadlines) are high.
2. Raise AI fulfillment: move AI services from overloaded nodes (load above 1 means the node cannot keep up) toward nodes with free GPU, CPU and VRAM.
3. Weigh the reconfiguration cost R_s: a moved instance serves nothing for R_s seconds; avoid moves whose gain over the interval will not repay it. m0 (no migration) is always allowed.
Answer only with JSON {"shortlist": [...]}: up to K candidate identifiers from the list, best first, no repeats.`

// horizonFactor spreads current backlog over this many placement intervals when estimating demand.
const horizonFactor = 1.0

// PromptAllNodes is the cluster size up to which the prompt describes every node and instance; on
// larger clusters it describes only the nodes a candidate moves from or to and their instances, so
// that its length follows the (capped) candidate set rather than the cluster.
const PromptAllNodes = 32

// Prompt returns the system and user parts of the prompt for q: the system policy, then the
// per-epoch state snapshot (every node and instance, or on clusters of more than PromptAllNodes nodes
// those the candidates involve) and the candidate identifiers.
func Prompt(q *Query) (system, user string) {
	var b strings.Builder
	s := q.Snapshot
	h := horizonFactor * q.Interval
	shown := shownNodes(q)
	fmt.Fprintf(&b, "Epoch %d at t=%.1f s. Placement interval %.3g s. Shortlist at most K=%d.\n", s.Epoch, s.Time, q.Interval, q.K)
	b.WriteString("\nNodes (load = demand/capacity; floor = share reserved by RAN floors):\n")
	b.WriteString("node | GPU TFLOP/s | GPU load | GPU floor | CPU cores | CPU load | CPU floor | VRAM free GB | active | resident\n")
	for n, nv := range s.Nodes {
		if !shown(n) {
			continue
		}
		active, names := 0, make([]string, 0, len(nv.Inst))
		for _, i := range nv.Inst {
			active += s.Instances[i].Active
			names = append(names, s.Services[s.Instances[i].Service].Name)
		}
		fmt.Fprintf(&b, "%s | %.4g | %.2f | %.2f | %.4g | %.2f | %.2f | %.1f | %d | %s\n", nv.Spec.Name, nv.Spec.GPU,
			s.Load(n, 0, h), s.FloorUse(n, 0), nv.Spec.CPU, s.Load(n, 1, h), s.FloorUse(n, 1), nv.VRAMFree(), active,
			strings.Join(names, " "))
	}
	b.WriteString("\nInstances (state: ok or reconfiguring; backlog in TFLOP or core-s on the dominant resource; KV = request memory held):\n")
	b.WriteString("service | category | node | state | active | waiting | backlog | demand | KV GB | weights GB | R_s s\n")
	for i, in := range s.Instances {
		if in.State == sim.StateRetired || !shown(in.Node) {
			continue
		}
		sv := s.Services[in.Service]
		r := sim.Dominant(in.Category)
		backlog := in.BacklogGPU
		if r == 1 {
			backlog = in.BacklogCPU
		}
		state := "ok"
		switch {
		case in.State == sim.StateDraining || in.State == sim.StateDown:
			state = in.State.String()
		case in.Reconfiguring:
			state = fmt.Sprintf("reconfiguring until %.1f s", in.AvailableAt)
		}
		fmt.Fprintf(&b, "%s | %s | %s | %s | %d | %d | %.3g | %.3g | %.2f | %.3g | %.3g\n", sv.Name, in.Category,
			s.Nodes[in.Node].Spec.Name, state, in.Active, in.Waiting, backlog, s.Demand(i, r, h), in.KV, sv.WeightsGB, sv.ReconfigS)
	}
	b.WriteString("\nCandidates (destination load and VRAM free after the move):\n")
	b.WriteString("id | action | R_s s | source load after | destination load after | destination VRAM free GB\n")
	for _, c := range q.Candidates {
		if c.NoOp() {
			fmt.Fprintf(&b, "%s | no migration | 0 | - | - | -\n", c.ID)
			continue
		}
		e := EffectOf(s, c, h)
		fmt.Fprintf(&b, "%s | %s %s→%s | %.3g | %.2f | %.2f | %.1f\n", c.ID, c.Service, c.FromName, c.ToName,
			s.Services[s.Instances[c.Instance].Service].ReconfigS, e.SrcAfter, e.DstAfter, e.DstVRAMFree)
	}
	if q.Notes != "" {
		b.WriteString("\n")
		b.WriteString(strings.TrimRight(q.Notes, "\n"))
		b.WriteString("\n")
	}
	b.WriteString("\nReply with JSON {\"shortlist\": [ids]}.\n")
	return SystemPolicy, b.String()
}

// shownNodes returns whether the prompt describes node n (see Prompt).
func shownNodes(q *Query) func(n int) bool {
	if len(q.Snapshot.Nodes) <= PromptAllNodes {
		return func(int) bool { return true }
	}
	used := make([]bool, len(q.Snapshot.Nodes))
	for _, c := range q.Candidates {
		if !c.NoOp() {
			used[c.From], used[c.To] = true, true
		}
	}
	return func(n int) bool { return used[n] }
}

// Effect is the estimated immediate effect of a candidate on its source and destination nodes, on
// the instance's dominant resource.
type Effect struct {
	Resource    int     // 0 GPU, 1 CPU
	Demand      float64 // the instance's demand (TFLOP/s or cores)
	SrcBefore   float64 // source load before the move
	SrcAfter    float64 // source load after
	DstBefore   float64 // destination load before
	DstAfter    float64 // destination load after
	DstVRAMFree float64 // destination VRAM free after reserving the weights, GB
}

// EffectOf estimates the effect of migration candidate c (not the no-op) with demand horizon h.
func EffectOf(s *sim.Snapshot, c Candidate, h float64) Effect {
	in := s.Instances[c.Instance]
	r := sim.Dominant(in.Category)
	d := s.Demand(c.Instance, r, h)
	e := Effect{Resource: r, Demand: d, SrcBefore: s.Load(c.From, r, h), DstBefore: s.Load(c.To, r, h)}
	e.SrcAfter = e.SrcBefore - d/max(s.Capacity(c.From, r), 1e-12)
	e.DstAfter = e.DstBefore + d/max(s.Capacity(c.To, r), 1e-12)
	e.DstVRAMFree = s.Nodes[c.To].VRAMFree() - s.Services[in.Service].WeightsGB
	return e
}

// Schema returns the JSON schema of a valid answer to q: an object with a "shortlist" array of 1 to K
// distinct candidate identifiers (Ollama's structured-output "format").
func Schema(q *Query) json.RawMessage {
	ids := make([]string, len(q.Candidates))
	for i, c := range q.Candidates {
		ids[i] = c.ID
	}
	schema := map[string]any{
		"type": "object",
		"properties": map[string]any{
			"shortlist": map[string]any{
				"type": "array", "items": map[string]any{"type": "string", "enum": ids},
				"minItems": 1, "maxItems": q.K, "uniqueItems": true,
			},
		},
		"required": []string{"shortlist"},
	}
	b, _ := json.Marshal(schema) // cannot fail: maps of strings, ints and slices
	return b
}

// Hash returns the hex SHA-256 of a prompt's two parts; replay uses it to detect a diverged run.
func Hash(system, user string) string {
	h := sha256.New()
	h.Write([]byte(system))
	h.Write([]byte{0})
	h.Write([]byte(user))
	return hex.EncodeToString(h.Sum(nil))
}

// EstimateTokens approximates a text's token count (4 characters per token) for agents that do not
// report counts.
func EstimateTokens(text string) int { return (len(text) + 3) / 4 }
