package main

import (
	"fmt"
	"io"
	"regexp"

	"github.com/spf13/pflag"

	"github.com/airansim/airansim/internal/cli"
)

// config holds the command line.
type config struct {
	Plan          string // the sweep's plan file
	Image         string // container image with the experiment binaries
	Shards        int    // Indexed Job completions; 0: one per run
	Parallelism   int    // pods at once; 0: all shards
	Out           string // folder the manifests are written to
	Name          string // Job name; "": airansim-<command>
	Namespace     string // namespace; "": the context's
	Claim         string // PersistentVolumeClaim name
	StorageClass  string // storage class of the claim; "": the cluster's default
	Storage       string // size of the claim
	Mount         string // where the volume is mounted in the pods
	CPUs          int    // CPUs per pod = runs at once inside a shard
	Memory        string // memory per pod
	BackoffPerIdx int    // retries of one index before it counts as failed
	PullPolicy    string // imagePullPolicy
}

var (
	dnsLabel = regexp.MustCompile(`^[a-z0-9]([-a-z0-9]*[a-z0-9])?$`)
	quantity = regexp.MustCompile(`^[0-9]+(\.[0-9]+)?(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E)?$`)
)

func parse(args []string, stderr io.Writer) (*config, error) {
	c := &config{}
	fs := pflag.NewFlagSet("k8s", pflag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&c.Plan, "plan", "", "the sweep's plan, written by the sweep command with --plan FILE (required): the command, its arguments and the run count are taken from it")
	fs.StringVar(&c.Image, "image", "", "container image holding the experiment binaries in /usr/local/bin, built from scripts/k8s/Dockerfile and pushed where the cluster pulls from (required)")
	fs.IntVar(&c.Shards, "shards", 0, "shards = the Indexed Job's completions; pod K runs shard K of them; 0: one shard per run of the plan")
	fs.IntVar(&c.Parallelism, "parallelism", 0, "shards running at once (the Job's parallelism); 0: all of them")
	fs.StringVar(&c.Out, "out", "k8s", "folder the manifests are written to: pvc.yaml, job.yaml and merge-job.yaml")
	fs.StringVar(&c.Name, "name", "", "name of the Job (the merge Job adds -merge) and of the sweep's folder on the volume; empty: airansim-COMMAND")
	fs.StringVar(&c.Namespace, "namespace", "", "namespace of the Jobs and the claim; empty: kubectl's current one")
	fs.StringVar(&c.Claim, "claim", "airansim-data", "PersistentVolumeClaim the shards store their runs on and the merge reads (ReadWriteMany: shards on several nodes write to it)")
	fs.StringVar(&c.StorageClass, "storage-class", "", "storage class of the claim, one offering ReadWriteMany (e.g. an NFS or CephFS class); empty: the cluster's default")
	fs.StringVar(&c.Storage, "storage", "10Gi", "size of the claim")
	fs.StringVar(&c.Mount, "mount", "/data", "where the volume is mounted, and the pods' working directory (relative paths in the plan's arguments, e.g. --scenario, resolve there); the sweep's output is MOUNT/NAME")
	fs.IntVar(&c.CPUs, "cpus", 1, "CPUs requested per pod; a shard runs that many of its runs at once (--parallel)")
	fs.StringVar(&c.Memory, "memory", "2Gi", "memory requested (and limit) per pod")
	fs.IntVar(&c.BackoffPerIdx, "backoff-limit-per-index", 2, "retries of a failed shard before its index counts as failed (the others go on); a retried shard resumes its stored runs (Kubernetes ≥ 1.29)")
	fs.StringVar(&c.PullPolicy, "pull-policy", "IfNotPresent", "the pods' imagePullPolicy: Always, IfNotPresent or Never")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: go run ./experiments/k8s --plan FILE --image IMAGE [flags]\n\n"+
			"Writes the Kubernetes manifests of a sharded sweep: an Indexed Job (pod K runs shard K of N),\n"+
			"a merge Job and the claim of the shared volume (docs/cluster.md).\n\nFlags:\n%s", fs.FlagUsages())
	}
	if err := cli.Parse(fs, args); err != nil {
		return nil, err
	}
	return c, c.check()
}

func (c *config) check() error {
	switch {
	case c.Plan == "" || c.Image == "":
		return cli.Usagef("--plan and --image are required")
	case c.Shards < 0 || c.Parallelism < 0:
		return cli.Usagef("--shards and --parallelism must be ≥ 0")
	case c.CPUs < 1 || c.BackoffPerIdx < 0:
		return cli.Usagef("--cpus must be ≥ 1 and --backoff-limit-per-index ≥ 0")
	case c.Name != "" && (!dnsLabel.MatchString(c.Name) || len(c.Name) > 50):
		return cli.Usagef("--name %q: want a DNS label of at most 50 characters (lower case letters, digits, '-')", c.Name)
	case !dnsLabel.MatchString(c.Claim) || (c.Namespace != "" && !dnsLabel.MatchString(c.Namespace)):
		return cli.Usagef("--claim and --namespace must be DNS labels (lower case letters, digits, '-')")
	case !quantity.MatchString(c.Storage) || !quantity.MatchString(c.Memory):
		return cli.Usagef("--storage and --memory must be quantities such as 10Gi or 512Mi")
	case c.Mount == "" || c.Mount[0] != '/':
		return cli.Usagef("--mount must be an absolute path")
	}
	switch c.PullPolicy {
	case "Always", "IfNotPresent", "Never":
	default:
		return cli.Usagef("--pull-policy must be Always, IfNotPresent or Never")
	}
	return nil
}
