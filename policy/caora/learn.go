package caora

import (
	"fmt"

	"github.com/airansim/airansim/internal/sac"
)

// LearnOptions configures a Learner. The zero value selects every default.
type LearnOptions struct {
	// SAC holds the SAC hyper-parameters. Zero fields take CAORA's defaults — Gamma 0.9 (a 5 s epoch
	// makes 0.9 a horizon of about 50 s, the time a backlog takes to build or drain) and Batch 128 —
	// and otherwise sac's (64×64 ReLU networks, τ 0.005, learning rates 3e-4, automatic entropy
	// tuning towards −1 nat).
	SAC    sac.Options
	Warmup int // transitions taken with uniform random α before the actor acts and learning starts; 0: 500
	Steps  int // gradient steps after each epoch once learning has started; 0: 2
	Buffer int // replay capacity, transitions; 0: 100000
	// Reward is the per-node slot reward the episodes compute; the zero value, RewardFulfilment, is
	// CAORA's literal reward, RewardCompletions the variant that also credits completed requests.
	Reward Reward
}

func (o LearnOptions) withDefaults() (LearnOptions, error) {
	if o.SAC.Gamma == 0 {
		o.SAC.Gamma = 0.9
	}
	if o.SAC.Batch == 0 {
		o.SAC.Batch = 128
	}
	def := func(v *int, d int) {
		if *v == 0 {
			*v = d
		}
	}
	def(&o.Warmup, 500)
	def(&o.Steps, 2)
	def(&o.Buffer, 100000)
	if o.Warmup < 0 || o.Steps < 0 || o.Buffer < 0 {
		return o, fmt.Errorf("caora: Warmup %d, Steps %d and Buffer %d must be ≥ 0", o.Warmup, o.Steps, o.Buffer)
	}
	if !o.Reward.valid() {
		return o, fmt.Errorf("caora: unknown reward %v", o.Reward)
	}
	return o, nil
}

// Learner trains a CAORA actor with SAC on simulated episodes: one transition per node where both
// classes reside per epoch, the actor shared by all nodes. Not safe for concurrent use.
type Learner struct {
	o      LearnOptions
	agent  *sac.Agent
	replay *sac.Replay
}

// NewLearner returns a learner with a freshly initialised agent and an empty replay buffer.
func NewLearner(o LearnOptions) (*Learner, error) {
	o, err := o.withDefaults()
	if err != nil {
		return nil, err
	}
	a, err := sac.New(NumFeatures, 1, o.SAC)
	if err != nil {
		return nil, fmt.Errorf("caora: %w", err)
	}
	return &Learner{o: o, agent: a, replay: sac.NewReplay(o.Buffer, NumFeatures, 1)}, nil
}

// Options returns the options in effect, CAORA's defaults filled in (sac's are applied by sac).
func (l *Learner) Options() LearnOptions { return l.o }

// Transitions returns the number of transitions stored so far (all episodes, up to the capacity).
func (l *Learner) Transitions() int { return l.replay.Len() }

// Alpha returns SAC's current entropy temperature.
func (l *Learner) Alpha() float64 { return l.agent.Alpha() }

// Actor returns a snapshot of the current actor, independent of further training.
func (l *Learner) Actor() (*Actor, error) {
	pi := l.agent.Actor()
	c, err := sac.NewActor(pi.Net.Clone(), pi.LogStdMin, pi.LogStdMax)
	if err != nil {
		return nil, fmt.Errorf("caora: %w", err)
	}
	return NewActor(c)
}

// learning reports whether the warm-up is over and there is enough data for a minibatch.
func (l *Learner) learning() bool {
	return l.replay.Len() >= max(l.o.Warmup, 1)
}
