// Command mkmodel regenerates traces/azuremodel.json, the embedded statistical model of the Azure
// LLM inference traces 2023 (CC-BY 4.0; Patel et al., Splitwise, ISCA 2024), from the CSV files.
//
//	go run ./traces/internal/mkmodel --in ../shared/data/azure --out traces/azuremodel.json
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"

	"github.com/airansim/airansim/traces"
)

func main() {
	in := flag.String("in", "../shared/data/azure", "folder holding AzureLLMInferenceTrace_{code,conv}.csv")
	out := flag.String("out", "traces/azuremodel.json", "output JSON file (- for stdout)")
	flag.Parse()
	if err := run(*in, *out); err != nil {
		fmt.Fprintln(os.Stderr, "mkmodel:", err)
		os.Exit(1)
	}
}

func run(in, out string) error {
	m, err := traces.BuildAzureModel(in)
	if err != nil {
		return err
	}
	var b bytes.Buffer
	if err := m.Encode(&b); err != nil {
		return err
	}
	if out == "-" {
		_, err = os.Stdout.Write(b.Bytes())
		return err
	}
	return os.WriteFile(out, b.Bytes(), 0o644)
}
