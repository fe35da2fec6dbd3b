package fit

import (
	"strings"
	"testing"
)

func TestPeakTFLOPS(t *testing.T) {
	tests := []struct {
		name string
		peak float64
		ok   bool
	}{
		{"NVIDIA H100 80GB HBM3", 989.5, true},
		{"NVIDIA H100 PCIe", 756, true},
		{"NVIDIA H100 NVL", 835, true},
		{"NVIDIA H200", 989.5, true},
		{"NVIDIA A100-SXM4-80GB", 312, true},
		{"Mock NVIDIA A100-SXM4-40GB", 312, true},
		{"NVIDIA L40S", 362, true},
		{"NVIDIA L40", 181, true},
		{"NVIDIA L4", 121, true},
		{"NVIDIA A10", 125, true},
		{"NVIDIA A10G", 0, false}, // not an A10: unknown, not 125
		{"NVIDIA GeForce RTX 4090", 165.2, true},
		{"Tesla T4", 65, true},
		{"Tesla V100-SXM2-16GB", 125, true},
		{"NVIDIA B200", 2250, true},
		{"NVIDIA GeForce GTX 1080", 0, false},
		{"", 0, false},
	}
	for _, tt := range tests {
		if p, ok := PeakTFLOPS(tt.name); p != tt.peak || ok != tt.ok {
			t.Errorf("PeakTFLOPS(%q) = %v, %v; want %v, %v", tt.name, p, ok, tt.peak, tt.ok)
		}
	}
}

func TestEffectiveTFLOPS(t *testing.T) {
	tests := []struct {
		name   string
		flag   float64
		want   float64
		source string
	}{
		{"NVIDIA A100-SXM4-80GB", 0, 312 * PrefillMFU, "dense BF16 peak 312"},
		{"NVIDIA A100-SXM4-80GB", 200, 200, "--effective-tflops"},
		{"Some Future GPU", 0, DefaultEffectiveTFLOPS, "not in the peak table"},
	}
	for _, tt := range tests {
		got, src := EffectiveTFLOPS(tt.name, tt.flag)
		if got != tt.want || !strings.Contains(src, tt.source) {
			t.Errorf("EffectiveTFLOPS(%q, %v) = %v, %q", tt.name, tt.flag, got, src)
		}
	}
}
