// Package calibrate holds the raw samples of a GPU calibration run (Ollama request timings, model
// loads, NVML readings and the GPU inventory) and reads and writes them as one parquet file.
//
// The measuring lives in the subpackages: gpu (NVML inventory and sampler), workload (the Ollama
// calibration workload) and fit (least-squares fits and the calibration profile). docs/calibration.md
// describes the whole procedure and the file formats.
package calibrate
