package sac

import (
	"fmt"
	"math"
	"testing"

	"github.com/airansim/airansim/internal/nn"
)

// density returns π(a) of one squashed dimension with mean mu and log-std ls, from logDensity.
func density(a, mu, ls float64) float64 {
	u := math.Atanh(a)
	return math.Exp(logDensity((u-mu)/math.Exp(ls), ls, u))
}

// cdf is the exact P(tanh(u) ≤ c) for u ~ N(mu, e^ls): Φ((atanh c − mu)/σ).
func cdf(c, mu, ls float64) float64 {
	return 0.5 * math.Erfc(-(math.Atanh(c)-mu)/math.Exp(ls)/math.Sqrt2)
}

// TestLogDensityIntegratesToCDF checks the change of variables of the squashed Gaussian: the density
// integrates to 1 over (−1, 1), its integral up to c matches the exact CDF, and it equals the CDF's
// finite-difference derivative.
func TestLogDensityIntegratesToCDF(t *testing.T) {
	for _, c := range []struct{ mu, ls float64 }{{0, 0}, {0.7, -1}, {-1.5, 0.3}, {2, -2}, {0.2, -4}} {
		t.Run(fmt.Sprintf("mu%g_ls%g", c.mu, c.ls), func(t *testing.T) {
			// Integrate in u = atanh(a) to resolve the mass near ±1: ∫π(a)da = ∫π(tanh u)(1 − tanh²u)du.
			sigma := math.Exp(c.ls)
			lo, hi := c.mu-12*sigma, c.mu+12*sigma
			const n = 200000
			h := (hi - lo) / n
			var total float64
			checks := []float64{-0.9, -0.3, 0, 0.4, 0.95}
			got := make([]float64, len(checks))
			for i := range n {
				u := lo + (float64(i)+0.5)*h
				a := math.Tanh(u)
				m := density(a, c.mu, c.ls) * (1 - a*a) * h
				if math.IsNaN(m) {
					continue // a rounds to ±1: no mass left there
				}
				total += m
				for k, x := range checks {
					if a <= x {
						got[k] += m
					}
				}
			}
			if math.Abs(total-1) > 1e-6 {
				t.Errorf("∫π = %.9f, want 1", total)
			}
			for k, x := range checks {
				if want := cdf(x, c.mu, c.ls); math.Abs(got[k]-want) > 1e-4 {
					t.Errorf("P(a ≤ %g) = %.6f by integration, %.6f exact", x, got[k], want)
				}
				const h = 1e-6
				fd := (cdf(x+h, c.mu, c.ls) - cdf(x-h, c.mu, c.ls)) / (2 * h)
				if d := density(x, c.mu, c.ls); math.Abs(d-fd) > 1e-5*math.Max(1, fd) {
					t.Errorf("π(%g) = %.8g, finite-difference CDF derivative %.8g", x, d, fd)
				}
			}
		})
	}
}

func TestLogOneMinusTanh2Stable(t *testing.T) {
	for _, u := range []float64{-30, -3, -0.5, 0, 0.5, 3, 30, 400} {
		got := logOneMinusTanh2(u)
		want := math.Log(4) - 2*math.Abs(u) - 2*math.Log1p(math.Exp(-2*math.Abs(u))) // log sech²u
		if math.IsInf(got, 0) || math.Abs(got-want) > 1e-12*math.Max(1, math.Abs(want)) {
			t.Errorf("log(1 − tanh²(%g)) = %v, want %v", u, got, want)
		}
	}
}

// TestActorLossGradient compares the analytic gradient of J_π (through the frozen critics' input
// gradient) with central finite differences over every actor parameter.
func TestActorLossGradient(t *testing.T) {
	for _, d := range []int{1, 2} {
		t.Run(fmt.Sprintf("dim%d", d), func(t *testing.T) {
			a, err := New(3, d, Options{Hidden: []int{8, 8}, Seed: 11, InitAlpha: 0.3})
			if err != nil {
				t.Fatal(err)
			}
			r := newTestRand(5)
			var obs, eps [][]float64
			for range 6 {
				o, e := make([]float64, 3), make([]float64, d)
				for i := range o {
					o[i] = r.NormFloat64()
				}
				for i := range e {
					e[i] = r.NormFloat64()
				}
				obs, eps = append(obs, o), append(eps, e)
			}
			loss := func(g *nn.Grad) float64 {
				s := 0.0
				for j := range obs {
					l, _ := a.actorSample(obs[j], eps[j], a.Alpha(), 1/float64(len(obs)), g)
					s += l / float64(len(obs))
				}
				return s
			}
			net := a.actor.Net
			g := net.NewGrad()
			loss(g)
			const h = 1e-6
			for i := range net.Params() {
				p := net.Param(i)
				net.SetParam(i, p+h)
				up := loss(nil)
				net.SetParam(i, p-h)
				down := loss(nil)
				net.SetParam(i, p)
				fd := (up - down) / (2 * h)
				if math.Abs(g.At(i)-fd) > 1e-6*math.Max(1, math.Abs(fd)) {
					t.Errorf("param %d: analytic %.10g, finite difference %.10g", i, g.At(i), fd)
				}
			}
		})
	}
}

func TestMeanDoesNotAllocate(t *testing.T) {
	a, _ := New(4, 2, Options{Hidden: []int{16}})
	obs, out := []float64{1, 2, 3, 4}, make([]float64, 2)
	if n := testing.AllocsPerRun(100, func() { a.actor.Mean(obs, out) }); n != 0 {
		t.Fatalf("Mean allocates %v times per call", n)
	}
	for _, v := range a.actor.Mean(obs, out) {
		if !(v > -1 && v < 1) {
			t.Fatalf("action %v outside (−1, 1)", v)
		}
	}
}

func TestNewActorRejects(t *testing.T) {
	odd, _ := nn.New([]int{2, 3}, nn.ReLU, nn.Identity, 1, "test")
	even, _ := nn.New([]int{2, 4}, nn.ReLU, nn.Identity, 1, "test")
	for _, c := range []struct {
		name   string
		net    *nn.MLP
		lo, hi float64
	}{{"nil", nil, -5, 2}, {"odd outputs", odd, -5, 2}, {"lo ≥ hi", even, 2, 2}, {"infinite", even, math.Inf(-1), 2}} {
		if _, err := NewActor(c.net, c.lo, c.hi); err == nil {
			t.Errorf("%s: no error", c.name)
		}
	}
}
