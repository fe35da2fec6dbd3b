package fit

import (
	"fmt"
	"strings"
)

// PrefillMFU is the model-FLOPs utilisation of prefill that turns a GPU's peak into the effective
// rate G_n of the simulator: BLIS's H100 figure (inference-sim hardware_config.json mfuPrefill), the
// same one behind traces.DefaultCostModel and docs/profile.md.
const PrefillMFU = 0.45

// DefaultEffectiveTFLOPS is the effective rate used for a GPU missing from the peak table and no
// --effective-tflops: an H100 SXM, 989.5 × 0.45 ≈ 445 TFLOP/s, the reference of docs/profile.md.
const DefaultEffectiveTFLOPS = 989.5 * PrefillMFU

// peaks are dense (no sparsity) FP16/BF16 tensor-core peaks with FP32 accumulation, TFLOP/s, from
// NVIDIA's product data sheets (B200 as in HGX B200; H200 and H100 SXM, PCIe, NVL; A100; L40S; L40;
// L4; A10; A30; V100 SXM2; T4) and, for the RTX 4090, the Ada Lovelace architecture whitepaper. The
// first entry whose every keyword occurs in the device name wins, so more specific entries come
// first; a zero peak marks a name that contains a listed one but is a different part (the A10G is
// not an A10), which is reported as unknown.
var peaks = []struct {
	keywords []string
	tflops   float64
}{
	{[]string{"B200"}, 2250},
	{[]string{"H200"}, 989.5},
	{[]string{"H100", "PCIE"}, 756},
	{[]string{"H100", "NVL"}, 835},
	{[]string{"H100"}, 989.5},
	{[]string{"A100"}, 312},
	{[]string{"L40S"}, 362},
	{[]string{"L40"}, 181},
	{[]string{"L4"}, 121},
	{[]string{"A10G"}, 0},
	{[]string{"A10"}, 125},
	{[]string{"A30"}, 165},
	{[]string{"RTX 4090"}, 165.2},
	{[]string{"V100"}, 125},
	{[]string{"T4"}, 65},
}

// PeakTFLOPS returns the dense FP16/BF16 tensor peak of a GPU from its NVML name, TFLOP/s, and
// whether the name is in the table (case-insensitive keyword match; e.g. "NVIDIA H100 80GB HBM3").
func PeakTFLOPS(name string) (float64, bool) {
	up := strings.ToUpper(name)
	for _, p := range peaks {
		ok := true
		for _, k := range p.keywords {
			ok = ok && strings.Contains(up, k)
		}
		if ok {
			return p.tflops, p.tflops > 0
		}
	}
	return 0, false
}

// EffectiveTFLOPS returns the effective rate G_n of a GPU: flag if > 0, else the peak of the table
// × PrefillMFU, else DefaultEffectiveTFLOPS; and a sentence saying where the number comes from.
func EffectiveTFLOPS(name string, flag float64) (float64, string) {
	if flag > 0 {
		return flag, fmt.Sprintf("%g TFLOP/s given with --effective-tflops", flag)
	}
	if peak, ok := PeakTFLOPS(name); ok {
		e := peak * PrefillMFU
		return e, fmt.Sprintf("%.4g TFLOP/s = %q dense BF16 peak %g × prefill MFU %g", e, name, peak, PrefillMFU)
	}
	return DefaultEffectiveTFLOPS, fmt.Sprintf("%.4g TFLOP/s, the default (H100 SXM 989.5 × %g): %q is not in the peak table; set --effective-tflops",
		DefaultEffectiveTFLOPS, PrefillMFU, name)
}
