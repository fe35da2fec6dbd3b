package sac

import (
	"fmt"
	"math"

	"github.com/airansim/airansim/internal/nn"
)

// Update performs one gradient step of every network on a minibatch of Options.Batch transitions
// drawn uniformly, with replacement, from r: critics, then actor, then temperature (unless
// FixedAlpha), then the Polyak update of the targets. It panics if r is empty or was built for other
// dimensions (programmer misuse).
func (a *Agent) Update(r *Replay) Stats {
	if r.Len() == 0 || r.obsDim != a.obsDim || r.actDim != a.actDim {
		panic(fmt.Sprintf("sac: Update on a replay of %d transitions of dims %d/%d, agent %d/%d",
			r.Len(), r.obsDim, r.actDim, a.obsDim, a.actDim))
	}
	a.idx = a.idx[:0]
	for range a.o.Batch {
		a.idx = append(a.idx, a.rng.IntN(r.Len()))
	}
	var st Stats
	st.QLoss = a.criticStep(r, a.idx)
	var logp float64
	st.ActorLoss, logp = a.actorStep(r, a.idx)
	st.Entropy = -logp
	if !a.o.FixedAlpha {
		a.alphaGrad[0] = -(logp + a.o.TargetEntropy)
		a.optAlpha.StepVec(a.logAlpha, a.alphaGrad)
	}
	for k := range a.q {
		a.qt[k].SoftUpdate(a.q[k], a.o.Tau)
	}
	a.updates++
	st.Alpha = a.Alpha()
	return st
}

// criticStep takes one Adam step of both critics on J_Q and returns its mean over the critics.
func (a *Agent) criticStep(r *Replay, idx []int) float64 {
	alpha, inv := a.Alpha(), 1/float64(len(idx))
	a.gQ[0].Zero()
	a.gQ[1].Zero()
	loss := 0.0
	for _, j := range idx {
		t := r.At(j)
		y := t.Reward
		if !t.Done {
			act, logp := a.actor.Sample(t.Next, a.rng, a.act)
			x := a.input(t.Next, act)
			q1 := a.qt[0].Forward(x, a.qOut)[0]
			q2 := a.qt[1].Forward(x, a.qOut)[0]
			y += a.o.Gamma * (math.Min(q1, q2) - alpha*logp)
		}
		x := a.input(t.Obs, t.Action)
		for k := range a.q {
			d := a.q[k].ForwardTrain(a.wsQ[k], x)[0] - y
			loss += 0.5 * d * d * inv
			a.dq[0] = d * inv
			a.q[k].Backward(a.wsQ[k], a.dq, a.gQ[k])
		}
	}
	for k := range a.q {
		a.optQ[k].Step(a.q[k], a.gQ[k])
	}
	return loss / 2
}

// actorStep takes one Adam step of the actor on J_π and returns J_π and the mean log π(ã|s).
func (a *Agent) actorStep(r *Replay, idx []int) (loss, meanLogp float64) {
	alpha, inv := a.Alpha(), 1/float64(len(idx))
	a.gA.Zero()
	for _, j := range idx {
		for i := range a.eps {
			a.eps[i] = a.rng.NormFloat64()
		}
		l, logp := a.actorSample(r.At(j).Obs, a.eps, alpha, inv, a.gA)
		loss += l * inv
		meanLogp += logp * inv
	}
	a.optA.Step(a.actor.Net, a.gA)
	return loss, meanLogp
}

// actorSample returns one sample's term α log π(ã|s) − min_k Q_k(s, ã) of J_π for noise eps, and
// log π(ã|s); it adds scale × the term's gradient with respect to the actor's parameters to g (nil:
// none).
func (a *Agent) actorSample(obs, eps []float64, alpha, scale float64, g *nn.Grad) (loss, logp float64) {
	d, p := a.actDim, a.actor
	y := p.Net.ForwardTrain(a.wsA, obs)
	for i := range d {
		ls, dls := p.logStd(y[d+i])
		a.sig[i], a.dls[i] = math.Exp(ls), dls
		u := y[i] + a.sig[i]*eps[i]
		a.act[i] = math.Tanh(u)
		logp += logDensity(eps[i], ls, u)
	}
	x := a.input(obs, a.act)
	q1 := a.q[0].ForwardTrain(a.wsQ[0], x)[0]
	q2 := a.q[1].ForwardTrain(a.wsQ[1], x)[0]
	k, qmin := 0, q1
	if q2 < q1 {
		k, qmin = 1, q2
	}
	dqda := a.q[k].Backward(a.wsQ[k], a.one, nil)[a.obsDim:]
	for i := range d {
		act := a.act[i]
		dju := 2*alpha*act - (1-act*act)*dqda[i]
		a.dOut[i] = scale * dju
		a.dOut[d+i] = scale * (dju*a.sig[i]*eps[i] - alpha) * a.dls[i]
	}
	if g != nil {
		p.Net.Backward(a.wsA, a.dOut, g)
	}
	return alpha*logp - qmin, logp
}
