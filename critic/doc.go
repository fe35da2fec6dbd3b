// Package critic is HAF's predictive critic (paper section III-B): (state, action) features, a
// 2-layer MLP forecasting class-resolved fulfillment, exact-counterfactual datasets, and training.
package critic
