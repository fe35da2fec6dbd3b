package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"path"
	"strconv"
	"text/template"

	"github.com/airansim/airansim/study/runner"
)

// manifests are the values the templates are filled with.
type manifests struct {
	Name, Namespace, Image, PullPolicy   string
	Command                              string   // the sweep command, e.g. "loadsweep"
	Args                                 []string // the shard pods' arguments
	Runs, Shards, Parallelism            int
	Claim, StorageClass, Storage, Mount  string
	OutDir                               string // the sweep's output folder on the volume
	CPUs                                 int
	Memory                               string
	BackoffPerIdx                        int
	MergeArgs                            []string
	ImageBin                             string // folder of the binaries in the image
	IndexEnv, IndexAnnotation, SweepName string
}

// ImageBin is where scripts/k8s/Dockerfile installs the experiment binaries.
const imageBin = "/usr/local/bin"

// newManifests returns the manifest values of the command line c for plan p.
func newManifests(c *config, p runner.Plan) (*manifests, error) {
	if !dnsLabel.MatchString(p.Command) {
		return nil, fmt.Errorf("k8s: the plan's command %q is not a command name", p.Command)
	}
	m := &manifests{Name: c.Name, Namespace: c.Namespace, Image: c.Image, PullPolicy: c.PullPolicy, Command: p.Command,
		Runs: p.Runs, Shards: c.Shards, Parallelism: c.Parallelism, Claim: c.Claim, StorageClass: c.StorageClass,
		Storage: c.Storage, Mount: c.Mount, CPUs: c.CPUs, Memory: c.Memory, BackoffPerIdx: c.BackoffPerIdx,
		ImageBin: imageBin, IndexEnv: "JOB_COMPLETION_INDEX",
		IndexAnnotation: "metadata.annotations['batch.kubernetes.io/job-completion-index']"}
	if m.Name == "" {
		m.Name = "airansim-" + p.Command
	}
	if m.Shards == 0 {
		m.Shards = p.Runs
	}
	if m.Parallelism == 0 || m.Parallelism > m.Shards {
		m.Parallelism = m.Shards
	}
	m.SweepName = m.Name
	m.OutDir = path.Join(c.Mount, m.Name)
	// The index comes from the Job controller through the environment; $(VAR) is expanded by the
	// kubelet, so the pod's command line shows it.
	m.Args = append(append([]string{}, p.Args...), "--out", m.OutDir, "--parallel", strconv.Itoa(c.CPUs),
		"--index", "$("+m.IndexEnv+")", "--shards", strconv.Itoa(m.Shards))
	m.MergeArgs = []string{"--in", m.OutDir}
	return m, nil
}

type file struct {
	name string
	body []byte
}

// files returns the three manifests, rendered.
func (m *manifests) files() []file {
	var out []file
	for _, t := range []struct{ name, tmpl string }{{"pvc.yaml", pvcYAML}, {"job.yaml", jobYAML}, {"merge-job.yaml", mergeYAML}} {
		var b bytes.Buffer
		if err := template.Must(template.New(t.name).Funcs(funcs).Parse(t.tmpl)).Execute(&b, m); err != nil {
			panic(fmt.Sprintf("k8s: template %s: %v", t.name, err)) // the templates are constants: a bug
		}
		out = append(out, file{t.name, b.Bytes()})
	}
	return out
}

// funcs quote strings as JSON, which YAML reads as the same string whatever it holds.
var funcs = template.FuncMap{
	"q": func(s string) string {
		b, _ := json.Marshal(s)
		return string(b)
	},
	"qlist": func(ss []string) string {
		b, _ := json.Marshal(ss)
		return string(b)
	},
}

const metadata = `metadata:
  name: {{q .Name}}{{if .Namespace}}
  namespace: {{q .Namespace}}{{end}}
  labels:
    app.kubernetes.io/name: airansim
    app.kubernetes.io/component: {{q .Command}}
    airansim/sweep: {{q .SweepName}}
`

const pvcYAML = `# The shared volume of the sweep: the shards store their runs in {{.OutDir}}, the merge reads them.
# ReadWriteMany: shards on several nodes write to it at once.
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: {{q .Claim}}{{if .Namespace}}
  namespace: {{q .Namespace}}{{end}}
  labels:
    app.kubernetes.io/name: airansim
spec:
  accessModes: ["ReadWriteMany"]{{if .StorageClass}}
  storageClassName: {{q .StorageClass}}{{end}}
  resources:
    requests:
      storage: {{q .Storage}}
`

const podSecurity = `      securityContext:
        runAsNonRoot: true
        runAsUser: 65532
        runAsGroup: 65532
        fsGroup: 65532
`

const jobYAML = `# {{.Command}}: {{.Runs}} runs in {{.Shards}} shards; the pod with completion index K runs shard K.
# A failed shard is retried alone (backoffLimitPerIndex) and resumes the runs it stored.
apiVersion: batch/v1
kind: Job
` + metadata + `spec:
  completionMode: Indexed
  completions: {{.Shards}}
  parallelism: {{.Parallelism}}
  backoffLimitPerIndex: {{.BackoffPerIdx}}
  # A replacement pod starts once the old one is gone, so one shard never runs twice at once.
  podReplacementPolicy: Failed
  template:
    metadata:
      labels:
        app.kubernetes.io/name: airansim
        airansim/sweep: {{q .SweepName}}
    spec:
      restartPolicy: Never
` + podSecurity + `      containers:
        - name: shard
          image: {{q .Image}}
          imagePullPolicy: {{.PullPolicy}}
          workingDir: {{q .Mount}}
          command: [{{q (printf "%s/%s" .ImageBin .Command)}}]
          args: {{qlist .Args}}
          env:
            - name: {{.IndexEnv}}
              valueFrom:
                fieldRef:
                  fieldPath: {{q .IndexAnnotation}}
          resources:
            requests:
              cpu: "{{.CPUs}}"
              memory: {{q .Memory}}
            limits:
              cpu: "{{.CPUs}}"
              memory: {{q .Memory}}
          volumeMounts:
            - name: data
              mountPath: {{q .Mount}}
      volumes:
        - name: data
          persistentVolumeClaim:
            claimName: {{q .Claim}}
`

const mergeYAML = `# Merges the stored runs of {{.Name}} into summary.csv, the tables and the figures in {{.OutDir}};
# it fails, naming them, if runs of the plan are missing. Apply it once job/{{.Name}} is complete.
apiVersion: batch/v1
kind: Job
metadata:
  name: {{q (printf "%s-merge" .Name)}}{{if .Namespace}}
  namespace: {{q .Namespace}}{{end}}
  labels:
    app.kubernetes.io/name: airansim
    app.kubernetes.io/component: merge
    airansim/sweep: {{q .SweepName}}
spec:
  completions: 1
  parallelism: 1
  backoffLimit: 1
  template:
    metadata:
      labels:
        app.kubernetes.io/name: airansim
        airansim/sweep: {{q .SweepName}}
    spec:
      restartPolicy: Never
` + podSecurity + `      containers:
        - name: merge
          image: {{q .Image}}
          imagePullPolicy: {{.PullPolicy}}
          workingDir: {{q .Mount}}
          command: [{{q (printf "%s/merge" .ImageBin)}}]
          args: {{qlist .MergeArgs}}
          resources:
            requests:
              cpu: "1"
              memory: {{q .Memory}}
            limits:
              memory: {{q .Memory}}
          volumeMounts:
            - name: data
              mountPath: {{q .Mount}}
      volumes:
        - name: data
          persistentVolumeClaim:
            claimName: {{q .Claim}}
`
