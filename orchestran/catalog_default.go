package orchestran

// The seven functions of DefaultCatalog, by index. The paper gives F = 7 but not their names; these
// are the functions its text lists (sections I, IV-B, VIII).
const (
	FuncScheduling = iota
	FuncSlicing
	FuncForecast
	FuncHandover
	FuncClassify
	FuncBeam
	FuncInterference
	numDefaultFuncs
)

// DefaultCatalog returns the catalogue of section VII: M = 13 models for F = 7 functions, 10 on RAN
// metrics (100 B) and 3 on IQ samples (1000 B), one core each, T^exec = 1 ms, γ = 1 and β = σ. Which
// model offers which function is not in the paper; docs/orchestran.md gives the choice and why.
func DefaultCatalog() *Catalog {
	met := func(name string, fs ...int) Model {
		return Model{Name: name, Funcs: fs, Input: Metrics, InputBytes: 100, Cores: 1, ExecMs: 1}
	}
	iq := func(name string, fs ...int) Model {
		return Model{Name: name, Funcs: fs, Input: IQ, InputBytes: 1000, Cores: 1, ExecMs: 1}
	}
	return &Catalog{
		Functions: []string{"scheduling", "ran-slicing", "capacity-forecast", "handover-prediction",
			"traffic-classification", "beam-management", "interference-detection"},
		Models: []Model{
			met("sched", FuncScheduling),
			met("sched-slicing", FuncScheduling, FuncSlicing),
			met("slicing", FuncSlicing),
			met("forecast", FuncForecast),
			met("forecast-handover", FuncForecast, FuncHandover),
			met("handover", FuncHandover),
			met("classify", FuncClassify),
			met("classify-forecast", FuncClassify, FuncForecast),
			met("sched-forecast", FuncScheduling, FuncForecast),
			met("slicing-classify", FuncSlicing, FuncClassify),
			iq("beam", FuncBeam),
			iq("interference", FuncInterference),
			iq("beam-interference", FuncBeam, FuncInterference),
		},
	}
}
