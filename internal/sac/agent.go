package sac

import (
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/airansim/airansim/internal/nn"
	"github.com/airansim/airansim/rng"
)

// Names of the agent's random streams under Options.Seed (package rng): network initialisation and
// the minibatch and action-noise draws.
const (
	streamActor = "sac/actor/init"
	streamQ     = "sac/q/init" // sub-stream k for critic k
	streamAgent = "sac/agent"
)

// Agent is a Soft Actor-Critic learner: actor, twin critics with their targets, temperature and
// their optimisers. It is not safe for concurrent use.
type Agent struct {
	o              Options
	obsDim, actDim int
	actor          *Actor
	q, qt          [2]*nn.MLP
	optA           *nn.Adam
	optQ           [2]*nn.Adam
	optAlpha       *nn.Adam
	logAlpha       []float64 // one value: log α
	rng            *rand.Rand
	updates        int
	scratch
}

// scratch holds the per-update buffers so that Update allocates nothing.
type scratch struct {
	wsA            *nn.Workspace
	wsQ            [2]*nn.Workspace
	gA             *nn.Grad
	gQ             [2]*nn.Grad
	x, dOut, qOut  []float64
	act, eps       []float64
	sig, dls, dq   []float64
	one, alphaGrad []float64
	idx            []int
}

// Stats summarises one Update.
type Stats struct {
	QLoss     float64 // mean of the two critics' J_Q
	ActorLoss float64 // J_π
	Alpha     float64 // temperature after the update
	Entropy   float64 // −mean log π(ã|s) over the minibatch, nats
}

// New returns an agent for observations of obsDim values and actions in (−1, 1)^actDim, with
// freshly initialised networks (targets equal to the critics). It fails on non-positive dimensions
// or invalid options.
func New(obsDim, actDim int, o Options) (*Agent, error) {
	if obsDim < 1 || actDim < 1 {
		return nil, fmt.Errorf("sac: observation and action dimensions %d, %d must be ≥ 1", obsDim, actDim)
	}
	o, err := o.withDefaults(actDim)
	if err != nil {
		return nil, err
	}
	net, err := nn.New(sizes(obsDim, o.Hidden, 2*actDim), nn.ReLU, nn.Identity, o.Seed, streamActor)
	if err != nil {
		return nil, fmt.Errorf("sac: %w", err)
	}
	actor, err := NewActor(net, o.LogStdMin, o.LogStdMax)
	if err != nil {
		return nil, err
	}
	a := &Agent{o: o, obsDim: obsDim, actDim: actDim, actor: actor, logAlpha: []float64{math.Log(o.InitAlpha)},
		rng: rng.New(o.Seed, streamAgent)}
	ad := func(lr float64) nn.AdamOptions { return nn.AdamOptions{LR: lr, ClipNorm: o.ClipNorm} }
	for k := range a.q {
		if a.q[k], err = nn.New(sizes(obsDim+actDim, o.Hidden, 1), nn.ReLU, nn.Identity, o.Seed, rng.Sub(streamQ, k)); err != nil {
			return nil, fmt.Errorf("sac: %w", err)
		}
		a.qt[k] = a.q[k].Clone()
		a.optQ[k] = nn.NewAdam(a.q[k], ad(o.CriticLR))
		a.wsQ[k], a.gQ[k] = a.q[k].NewWorkspace(), a.q[k].NewGrad()
	}
	a.optA, a.optAlpha = nn.NewAdam(net, ad(o.ActorLR)), nn.NewAdamVec(1, nn.AdamOptions{LR: o.AlphaLR})
	a.wsA, a.gA = net.NewWorkspace(), net.NewGrad()
	a.x, a.dOut, a.qOut = make([]float64, obsDim+actDim), make([]float64, 2*actDim), make([]float64, 1)
	a.act, a.eps, a.sig, a.dls = make([]float64, actDim), make([]float64, actDim), make([]float64, actDim), make([]float64, actDim)
	a.dq, a.one, a.alphaGrad = make([]float64, 1), []float64{1}, make([]float64, 1)
	return a, nil
}

// sizes returns the layer widths in, hidden..., out.
func sizes(in int, hidden []int, out int) []int {
	return append(append([]int{in}, hidden...), out)
}

// Options returns the options in effect, defaults filled in.
func (a *Agent) Options() Options { return a.o }

// Actor returns the live actor; it changes with every Update, so Clone its Net to keep a snapshot.
func (a *Agent) Actor() *Actor { return a.actor }

// Alpha returns the current temperature α.
func (a *Agent) Alpha() float64 { return math.Exp(a.logAlpha[0]) }

// Updates returns the number of Update calls so far.
func (a *Agent) Updates() int { return a.updates }

// Act stores an action for obs in out (resliced or reallocated) and returns it: tanh(μ(obs)) when
// deterministic, otherwise a sample drawn with the agent's generator.
func (a *Agent) Act(obs []float64, deterministic bool, out []float64) []float64 {
	if deterministic {
		return a.actor.Mean(obs, out)
	}
	out, _ = a.actor.Sample(obs, a.rng, out)
	return out
}

// Uniform stores an action drawn uniformly from (−1, 1)^d with the agent's generator in out and
// returns it (warm-up exploration).
func (a *Agent) Uniform(out []float64) []float64 {
	out = resize(out, a.actDim)
	for i := range out {
		out[i] = 2*a.rng.Float64() - 1
	}
	return out
}

// input writes (obs, act) into the critic input buffer and returns it.
func (a *Agent) input(obs, act []float64) []float64 {
	copy(a.x, obs)
	copy(a.x[a.obsDim:], act)
	return a.x
}
