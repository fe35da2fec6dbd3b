package traces

import (
	"github.com/airansim/airansim/sim"
)

// ai completes an AI request: service, tokens and work (explicit or from Resolver.Cost).
func (p *rowParser) ai(q *sim.Request) error {
	var err error
	if err = p.forbid(q.Class, gDUGPU, gDUCPU, gCUGPU, gCUCPU); err != nil {
		return err
	}
	if q.Service, err = p.name(gService, p.s.res.Service, ErrUnknownService); err != nil {
		return err
	}
	tokens, err := p.tokens(q)
	if err != nil {
		return err
	}
	if p.set(gGPU) || p.set(gCPU) || p.set(gKV) {
		return p.explicitAI(q)
	}
	if !tokens {
		return p.fail(-1, detail(ErrNoWork, "give %s,%s or %s,%s", ColPrompt, ColOutput, ColGPUWork, ColCPUWork))
	}
	if p.s.res.Cost == nil {
		return p.fail(gPrompt, detail(ErrNoDefault, "no cost model (Resolver.Cost is nil) and no %s", ColGPUWork))
	}
	q.AIWork, q.KVGB = p.s.res.Cost(q.Service, q.Prompt, q.Output)
	return nil
}

// tokens parses prompt and output tokens; both or neither must be given.
func (p *rowParser) tokens(q *sim.Request) (bool, error) {
	hasP, hasO := p.set(gPrompt), p.set(gOutput)
	switch {
	case !hasP && !hasO:
		return false, nil
	case !hasP:
		return false, p.fail(gPrompt, detail(ErrEmptyValue, "required with %s", ColOutput))
	case !hasO:
		return false, p.fail(gOutput, detail(ErrEmptyValue, "required with %s", ColPrompt))
	}
	n, err := p.get(gPrompt).count()
	if err != nil {
		return false, p.fail(gPrompt, err)
	}
	m, err := p.get(gOutput).count()
	if err != nil {
		return false, p.fail(gOutput, err)
	}
	q.Prompt, q.Output = int(n), int(m)
	return true, nil
}

// explicitAI reads gpu_work_tflop, cpu_work_core_s and kv_gb; empty fields count as 0.
func (p *rowParser) explicitAI(q *sim.Request) error {
	var err error
	if q.AIWork.GPU, err = p.real(gGPU, 0, true, nil); err != nil {
		return err
	}
	if q.AIWork.CPU, err = p.real(gCPU, 0, true, nil); err != nil {
		return err
	}
	q.KVGB, err = p.real(gKV, 0, true, nil)
	return err
}

// ran completes a RAN-only request: DU and CU-UP work, explicit or from Resolver.RANWork, and
// Service -1.
func (p *rowParser) ran(q *sim.Request) error {
	if p.set(gService) {
		return p.fail(gService, ErrRANService)
	}
	if err := p.forbid(q.Class, gPrompt, gOutput, gGPU, gCPU, gKV); err != nil {
		return err
	}
	var du, cu sim.Work
	hasDef := p.s.res.RANWork != nil
	if hasDef {
		du, cu = p.s.res.RANWork(q.Class)
	}
	var missing error
	if !hasDef {
		missing = detail(ErrNoDefault, "Resolver.RANWork is nil")
	}
	fields := []struct {
		k   int
		dst *float64
	}{{gDUGPU, &du.GPU}, {gDUCPU, &du.CPU}, {gCUGPU, &cu.GPU}, {gCUCPU, &cu.CPU}}
	for _, f := range fields {
		v, err := p.real(f.k, *f.dst, hasDef, missing)
		if err != nil {
			return err
		}
		*f.dst = v
	}
	q.DU, q.CU, q.Service = du, cu, -1
	return nil
}
