package gpu

import (
	"context"
	"errors"
	"math"
	"runtime"
	"sync/atomic"
	"testing"
	"time"

	"github.com/airansim/airansim/calibrate"
)

// fakeReader returns two devices per read and fails from read failAt on (0: never); with nilOnErr
// a failing read returns a nil slice, as Go functions often do with an error.
type fakeReader struct {
	reads    atomic.Int64
	failAt   int64
	nilOnErr bool
}

func (f *fakeReader) Inventory() (calibrate.Inventory, error) { return calibrate.Inventory{}, nil }

func (f *fakeReader) Read(dst []calibrate.GPUSample, t float64) ([]calibrate.GPUSample, error) {
	n := f.reads.Add(1)
	if f.failAt > 0 && n >= f.failAt {
		if f.nilOnErr {
			return nil, errors.New("gpu lost")
		}
		return dst, errors.New("gpu lost")
	}
	for g := range 2 {
		dst = append(dst, calibrate.GPUSample{TimeS: t, GPU: g, UtilPct: 50, MemUsedGB: 1, PowerW: 100, SMClockMHz: math.NaN()})
	}
	return dst, nil
}

// settled waits until the goroutine count is back to n; it fails the test otherwise.
func settled(t *testing.T, n int) {
	t.Helper()
	for range 200 {
		if runtime.NumGoroutine() <= n {
			return
		}
		time.Sleep(5 * time.Millisecond)
	}
	t.Errorf("%d goroutines left, want %d", runtime.NumGoroutine(), n)
}

func TestSamplerStops(t *testing.T) {
	tests := []struct {
		name     string
		failAt   int64
		nilOnErr bool
		cancel   bool
		wantErr  bool
	}{
		{"stop", 0, false, false, false},
		{"context cancelled", 0, false, true, false},
		{"read error", 3, false, false, true},
		{"read error, nil slice", 3, true, false, true}, // the samples read before the error are kept
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			base := runtime.NumGoroutine()
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			r := &fakeReader{failAt: tt.failAt, nilOnErr: tt.nilOnErr}
			epoch := time.Now()
			s := Start(ctx, r, SamplerOptions{Period: 2 * time.Millisecond, Epoch: epoch})
			time.Sleep(40 * time.Millisecond)
			if tt.cancel {
				cancel()
				<-s.Done()
			}
			got, err := s.Stop()
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v, want error %v", err, tt.wantErr)
			}
			again, err2 := s.Stop()
			if len(again) != len(got) || err2 != err {
				t.Error("second Stop differs")
			}
			if len(got) < 4 || len(got)%2 != 0 {
				t.Fatalf("%d samples, want ≥ 4 in pairs", len(got))
			}
			for i := 2; i < len(got); i += 2 {
				if got[i].TimeS <= got[i-2].TimeS || got[i].TimeS != got[i+1].TimeS {
					t.Fatalf("times not increasing per tick: %v %v %v", got[i-2].TimeS, got[i].TimeS, got[i+1].TimeS)
				}
			}
			if elapsed := time.Since(epoch).Seconds(); got[len(got)-1].TimeS > elapsed {
				t.Errorf("last sample at %v s, after now (%v s)", got[len(got)-1].TimeS, elapsed)
			}
			settled(t, base)
		})
	}
}

func TestSamplerDefaults(t *testing.T) {
	base := runtime.NumGoroutine()
	r := &fakeReader{}
	s := Start(context.Background(), r, SamplerOptions{})
	time.Sleep(3 * DefaultPeriod)
	got, err := s.Stop()
	if err != nil || len(got) < 2 {
		t.Fatalf("%d samples, err %v", len(got), err)
	}
	if got[0].TimeS < 0 || got[0].TimeS > 0.5 {
		t.Errorf("first sample at %v s, want about 0", got[0].TimeS)
	}
	n := r.reads.Load()
	time.Sleep(3 * DefaultPeriod)
	if r.reads.Load() != n {
		t.Error("reads after Stop")
	}
	settled(t, base)
}
