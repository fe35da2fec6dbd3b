package traces

import (
	"math"
	"reflect"
	"strings"
	"testing"

	"github.com/airansim/airansim/sim"
)

func TestRANSourcePoisson(t *testing.T) {
	n := 40000
	src, err := NewRANSource(RANOptions{Cells: 4, RatePerCell: 2.5, URLLCFraction: 0.3, Seed: 11, Limit: n})
	if err != nil {
		t.Fatal(err)
	}
	got := drain(t, src, -1)
	if len(got) != n {
		t.Fatalf("got %d", len(got))
	}
	var urllc int
	var cells [4]int
	var sumGap, sumGap2 float64
	prev := 0.0
	for i, r := range got {
		if r.ID != int64(i) || r.Arrival < prev || r.Service != -1 || !r.Class.IsRAN() {
			t.Fatalf("bad request %+v", r)
		}
		g := r.Arrival - prev
		sumGap, sumGap2, prev = sumGap+g, sumGap2+g*g, r.Arrival
		cells[r.Cell]++
		if r.Class == sim.URLLC {
			urllc++
			if r.Deadline != 1e-3 {
				t.Fatalf("URLLC deadline %v", r.Deadline)
			}
		} else if r.Deadline != 4e-3 {
			t.Fatalf("eMBB deadline %v", r.Deadline)
		}
	}
	// Rate within 3 %: the standard error of n exponential gaps is 1/sqrt(n) = 0.5 %.
	rate := float64(n) / prev
	if math.Abs(rate/10-1) > 0.03 {
		t.Errorf("rate %v, want 10", rate)
	}
	mean := sumGap / float64(n)
	if cv := math.Sqrt(sumGap2/float64(n)-mean*mean) / mean; math.Abs(cv-1) > 0.03 {
		t.Errorf("gap CV %v, want 1 (exponential)", cv)
	}
	if f := float64(urllc) / float64(n); math.Abs(f-0.3) > 0.015 {
		t.Errorf("URLLC fraction %v", f)
	}
	for _, c := range cells {
		if math.Abs(float64(c)/float64(n)-0.25) > 0.015 {
			t.Errorf("cells %v", cells)
		}
	}
	if src.TotalRate() != 10 || math.Abs(src.MeanDUGPUWork()-(0.3*0.01+0.7*0.04)) > 1e-15 {
		t.Errorf("TotalRate %v MeanDUGPUWork %v", src.TotalRate(), src.MeanDUGPUWork())
	}
}

func TestRANSourceOptions(t *testing.T) {
	u := RANClass{Deadline: 0.5e-3, DU: sim.Work{GPU: 1, CPU: 2}, CU: sim.Work{CPU: 3}}
	src, err := NewRANSource(RANOptions{Cells: 3, CellRates: []float64{0, 5, 0}, URLLCFraction: 1,
		URLLC: u, Jitter: 0.1, Start: 100, Horizon: 200})
	if err != nil {
		t.Fatal(err)
	}
	got := drain(t, src, -1)
	if len(got) < 900 || len(got) > 1100 {
		t.Errorf("%d requests in 200 s at 5/s", len(got))
	}
	for _, r := range got {
		if r.Cell != 1 || r.Class != sim.URLLC || r.Deadline != 0.5e-3 || r.Arrival <= 100 || r.Arrival > 300 {
			t.Fatalf("bad request %+v", r)
		}
		if r.DU.GPU < 0.9 || r.DU.GPU > 1.1 || r.DU.CPU < 1.8 || r.DU.CPU > 2.2 || r.CU.CPU < 2.7 || r.CU.CPU > 3.3 || r.CU.GPU != 0 {
			t.Fatalf("jitter out of bounds %+v", r)
		}
	}
	none, _ := NewRANSource(RANOptions{URLLCFraction: -1, Limit: 500})
	for _, r := range drain(t, none, -1) {
		if r.Class != sim.EMBB {
			t.Fatal("negative URLLCFraction produced URLLC")
		}
	}
	def, _ := NewRANSource(RANOptions{Limit: 3})
	if r := drain(t, def, -1); len(r) != 3 {
		t.Error("zero options do not work")
	}
}

func TestRANSourceErrors(t *testing.T) {
	bad := []struct {
		opt  RANOptions
		want string
	}{
		{RANOptions{Cells: -1}, "Cells"},
		{RANOptions{RatePerCell: -1}, "RatePerCell"},
		{RANOptions{Cells: 2, CellRates: []float64{1}}, "CellRates"},
		{RANOptions{CellRates: []float64{math.NaN()}}, "CellRates[0]"},
		{RANOptions{Jitter: 1}, "Jitter"},
		{RANOptions{URLLCFraction: 1.5}, "URLLCFraction"},
		{RANOptions{EMBB: RANClass{DU: sim.Work{GPU: 1}}}, "deadline"},
		{RANOptions{URLLC: RANClass{Deadline: 1, DU: sim.Work{GPU: -1}}}, "work"},
	}
	for _, tc := range bad {
		if _, err := NewRANSource(tc.opt); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%+v: err %v, want %q", tc.opt, err, tc.want)
		}
	}
}

func TestRANSourceDeterminismAndFork(t *testing.T) {
	opt := RANOptions{Cells: 6, RatePerCell: 3, Jitter: 0.2, Seed: 4}
	a, _ := NewRANSource(opt)
	b, _ := NewRANSource(opt)
	if !reflect.DeepEqual(drain(t, a, 300), drain(t, b, 300)) {
		t.Fatal("same seed differs")
	}
	f := fork(t, a)
	if !reflect.DeepEqual(drain(t, a, 300), drain(t, f, 300)) {
		t.Fatal("fork differs")
	}
}
