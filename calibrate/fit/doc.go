// Package fit turns calibration samples into the simulator's cost-model parameters: least-squares
// lines with R² and residuals, the KV cache per token, the reload time R_s, idle and busy power,
// and the calibration profile that carries them.
package fit
