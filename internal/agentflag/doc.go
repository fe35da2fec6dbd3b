// Package agentflag declares the command-line flags that choose and configure HAF's placement agent,
// shared by run, loadsweep and ablation.
package agentflag
