package main

import (
	"fmt"
	"sync"

	"github.com/airansim/airansim/policy/hautoscale"
	"github.com/airansim/airansim/policy/hautoscale/predict"
	"github.com/airansim/airansim/traces/xapp"
)

// newAdmission returns hautoscale's admission for run r with the predictor r.Admission; the xApps'
// descriptors are their loads, works and deadlines (the paper's catalogue profiles).
func newAdmission(r runSpec, insts []xapp.Instance) (*hautoscale.Admission, error) {
	p, ok := hautoscale.ParsePredictor(r.admission())
	if !ok {
		return nil, fmt.Errorf("autoscale: unknown admission predictor %q", r.admission())
	}
	o := hautoscale.AdmissionOptions{Predictor: p, Cores: r.Cores, Flow: func(f int) hautoscale.Flow {
		in := insts[f-1]
		return hautoscale.Flow{Load: in.Work / in.Period, Work: in.Work, Deadline: in.Deadline}
	}}
	if p == hautoscale.PredictPWL {
		m, ymax, err := pwlModel(r.Cores, r.Period, r.SLAQuantile)
		if err != nil {
			return nil, err
		}
		o.Model, o.UnitLoad, o.MaxY = m, xapp.DefaultTypes()[2].Load, ymax
	}
	return hautoscale.NewAdmission(o)
}

type pwlKey struct{ cores, period, quantile float64 }

type pwlFit struct {
	m    predict.Model
	ymax float64
}

var (
	pwlMu    sync.Mutex
	pwlCache = map[pwlKey]pwlFit{}
)

// pwlModel returns the conservative two-segment model of the SLA quantile of the latency against the
// number of CPU-intensive xApps on one replica of cores cores, fitted from profiling runs of the
// simulator (predict.ProfileFit, seed 1, Poisson requests of mean gap period) at 2, 4, … xApps up to
// 95 % of the cores, once per key, and the largest profiled load.
func pwlModel(cores, period, quantile float64) (predict.Model, float64, error) {
	k := pwlKey{cores, period, quantile}
	pwlMu.Lock()
	defer pwlMu.Unlock()
	if f, ok := pwlCache[k]; ok {
		return f.m, f.ymax, nil
	}
	full := cores / xapp.DefaultTypes()[2].Load // xApps that fill the replica
	var loads []int
	for y := 2; float64(y) < 0.95*full; y += 2 {
		loads = append(loads, y)
	}
	m, _, err := predict.ProfileFit(predict.ProfileOptions{Loads: loads, Cores: cores, Period: period, Quantile: quantile, Seed: 1},
		predict.Options{Conservative: true})
	if err != nil || len(loads) == 0 {
		return predict.Model{}, 0, fmt.Errorf("autoscale: profiling the PWL model (loads %v): %v", loads, err)
	}
	ymax := float64(loads[len(loads)-1])
	pwlCache[k] = pwlFit{m, ymax}
	return m, ymax, nil
}
