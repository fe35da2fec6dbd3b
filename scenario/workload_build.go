package scenario

import (
	"fmt"
	"math/rand/v2"

	"github.com/airansim/airansim/rng"
	"github.com/airansim/airansim/sim"
	"github.com/airansim/airansim/traces"
)

// Names of the workload's random streams under the run's seed (package rng), one per component, so
// that no component of one seed draws what a component of another seed draws. The large-AI and
// small-AI token samplers and AI sources add the category ("workload/tokens/large-ai").
const (
	streamTokens = "workload/tokens"
	streamAI     = "workload/ai"
	streamRAN    = "workload/ran"
	streamSplit  = "workload/split" // shared by both sides of a split trace: they partition one coin sequence
)

// aiStream is the token stream of one AI category with its base rate (requests/s) and mean tokens.
type aiStream struct {
	cat            sim.Category
	tokens         traces.TokenSource
	rate           float64
	prompt, output float64
}

// workload builds the merged AI and RAN source at the requested load.
func (s *Scenario) workload(o BuildOptions, cost traces.CostModel, b *Built) (sim.Source, error) {
	w := &s.Workload
	streams, err := s.aiStreams(o, b)
	if err != nil {
		return nil, err
	}
	ran, err := s.ranSource(o.Seed, 1)
	if err != nil {
		return nil, err
	}
	aiRate := totalRate(streams)
	var demand float64
	for _, st := range streams {
		p, _ := cost.Params(st.cat)
		demand += s.share(st.cat) * aiRate * p.MeanGPUWork(st.prompt, st.output)
	}
	load := traces.Load{AIRate: aiRate, AIWork: demand / aiRate, RANRate: w.RANPerAI * aiRate, RANWork: ran.MeanDUGPUWork(),
		GPUCapacity: s.gpuCapacity(), RANReserve: w.DUReserve * float64(len(s.Cells))}
	f, err := load.Factor(o.Load)
	if err != nil {
		return nil, fmt.Errorf("scenario: %w", err)
	}
	b.Factor = f
	b.Rho, _ = load.Rho(f)
	srcs := make([]sim.Source, 0, len(streams)+1)
	for _, st := range streams {
		src, err := s.aiSource(st, aiRate*f, cost, o.Seed)
		if err != nil {
			return nil, err
		}
		srcs = append(srcs, src)
	}
	ran, err = s.ranSource(o.Seed, f*w.RANPerAI*aiRate)
	if err != nil {
		return nil, err
	}
	return traces.Merge(append(srcs, ran)...), nil
}

// totalRate is the base AI rate: the sum of the streams' own rates, so that the mix follows
// small_ai_fraction while the overall rate stays that of the trace(s).
func totalRate(all []aiStream) float64 {
	t := 0.0
	for _, x := range all {
		t += x.rate
	}
	return t
}

// share is the fraction of AI requests of category cat.
func (s *Scenario) share(cat sim.Category) float64 {
	if cat == sim.LargeAI {
		return 1 - s.Workload.SmallAIFraction
	}
	return s.Workload.SmallAIFraction
}

// aiSource scales one category's stream to its share of the scaled AI rate (requests/s).
func (s *Scenario) aiSource(st aiStream, scaledRate float64, cost traces.CostModel, seed uint64) (sim.Source, error) {
	share, services := s.share(st.cat), s.servicesOf(st.cat)
	if share == 0 || len(services) == 0 {
		return traces.Merge(), nil
	}
	target := share * scaledRate
	return traces.NewAISource([]traces.AIStream{{Tokens: st.tokens, Category: st.cat, Services: services}}, traces.AIOptions{
		Cells: len(s.Cells), Seed: seed, Name: streamAI + "/" + st.cat.String(), TimeScale: target / st.rate, Cost: &cost,
		Deadlines: traces.DeadlineRules{Large: s.Workload.LargeDeadline.rule(), Small: s.Workload.SmallDeadline.rule()},
	})
}

func (s *Scenario) ranSource(seed uint64, rate float64) (*traces.RANSource, error) {
	w := &s.Workload
	if rate <= 0 {
		rate = 1e-12
	}
	return traces.NewRANSource(traces.RANOptions{Cells: len(s.Cells), RatePerCell: rate / float64(len(s.Cells)),
		URLLCFraction: w.URLLCFraction, URLLC: w.URLLC.class(), EMBB: w.EMBB.class(), Jitter: w.RANJitter,
		Seed: seed, Name: streamRAN})
}

func (s *Scenario) gpuCapacity() float64 {
	g := 0.0
	for _, n := range s.Nodes {
		g += n.GPU
	}
	return g
}

// aiStreams returns the large-AI and small-AI token streams: samplers of the embedded Azure model,
// or the rows of one trace file split between the two categories by a seeded coin.
func (s *Scenario) aiStreams(o BuildOptions, b *Built) ([]aiStream, error) {
	w := &s.Workload
	if o.Trace != "" {
		return s.traceStreams(o, b)
	}
	model := traces.DefaultAzureModel()
	var out []aiStream
	for _, x := range []struct {
		cat  sim.Category
		name string
	}{{sim.LargeAI, w.LargeModel}, {sim.SmallAI, w.SmallModel}} {
		tm, err := model.Trace(x.name)
		if err != nil {
			return nil, fmt.Errorf("scenario: workload: %w", err)
		}
		smp, err := traces.NewSampler(tm, traces.SamplerOptions{Seed: o.Seed, Name: streamTokens + "/" + x.cat.String()})
		if err != nil {
			return nil, err
		}
		p, out2, _ := tm.TableMeans()
		out = append(out, aiStream{cat: x.cat, tokens: smp, rate: tm.TableRate(), prompt: p, output: out2})
	}
	return out, nil
}

// splitTokens passes the rows of a token source whose seeded coin matches keep, so that two
// splitters with the same seed partition one trace between two categories.
type splitTokens struct {
	src  traces.TokenSource
	pcg  rand.PCG
	rng  *rand.Rand
	p    float64 // probability of the "small" side
	keep bool    // true: keep the rows drawn small
}

func newSplit(src traces.TokenSource, seed uint64, p float64, keep bool) *splitTokens {
	s := &splitTokens{src: src, p: p, keep: keep}
	s.pcg = *rng.PCG(seed, streamSplit)
	s.rng = rand.New(&s.pcg)
	return s
}

func (s *splitTokens) Next() (traces.TokenRow, bool, error) {
	for {
		r, ok, err := s.src.Next()
		if !ok || err != nil {
			return r, ok, err
		}
		if (s.rng.Float64() < s.p) == s.keep {
			return r, true, nil
		}
	}
}

func (s *splitTokens) Fork() (traces.TokenSource, error) {
	f, ok := s.src.(traces.ForkableTokenSource)
	if !ok {
		return nil, fmt.Errorf("scenario: token source %T cannot fork", s.src)
	}
	src, err := f.Fork()
	if err != nil {
		return nil, err
	}
	c := &splitTokens{src: src, pcg: s.pcg, p: s.p, keep: s.keep}
	c.rng = rand.New(&c.pcg)
	return c, nil
}
