// Package gpu inventories NVIDIA GPUs through NVML (github.com/NVIDIA/go-nvml) and samples their
// utilisation, memory, power and SM clock at a fixed period; built without cgo it reports that NVML
// is unavailable.
package gpu
