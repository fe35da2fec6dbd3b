package xapp

// Type is one kind of application: its class and its mean CPU demand.
type Type struct {
	Name  string  // Unique name, used by Deployment.Type.
	Class Class   // Timing class (deadline default).
	Load  float64 // Mean CPU demand while deployed, cores (> 0).
	// Period is the mean interval between two control requests, s (> 0); 0: Options.Period. Each
	// request carries Load·Period core-seconds of CPU work.
	Period float64
}

// Work returns the CPU work of one request with period p, core-s.
func (t Type) Work(p float64) float64 { return t.Load * p }

// HostCores is the CPU of the paper's Kubernetes host, cores ("2 cores, 6 GB RAM", Section 9).
const HostCores = 2

// DefaultTypes returns the three xApp types of the paper's motivating measurements (FlexRIC on
// Kubernetes, a 2-core host; Section 1 and Section 8, Figs. 3, 7 and 8). Each load is the CPU share
// the paper reports at the crash point divided by the number of xApps, times HostCores:
//
//   - "kpm": 91 % at 80 KPM xApps (Fig. 7): 1.14 % each, 0.02275 cores;
//   - "mac-rlc-pdcp": 75 % at 45 MAC-RLC-PDCP xApps (Fig. 8): 1.67 % each, 0.0333 cores;
//   - "cpu-intensive": 73 % at 35 CPU-intensive xApps (Fig. 3): 2.09 % each, 0.0417 cores.
//
// The period is left to Options.Period (the paper gives none).
func DefaultTypes() []Type {
	return []Type{
		{Name: "kpm", Class: XApp, Load: HostCores * 0.91 / 80},
		{Name: "mac-rlc-pdcp", Class: XApp, Load: HostCores * 0.75 / 45},
		{Name: "cpu-intensive", Class: XApp, Load: HostCores * 0.73 / 35},
	}
}
