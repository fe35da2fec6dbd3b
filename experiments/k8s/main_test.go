package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	"sigs.k8s.io/yaml"

	"github.com/airansim/airansim/internal/cli"
	"github.com/airansim/airansim/study/runner"
)

// writePlan writes a plan of runs runs of loadsweep with args, as the sweep commands write it.
func writePlan(t *testing.T, runs int, args []string) string {
	t.Helper()
	p := runner.Plan{Version: runner.PlanVersion, Command: "loadsweep", Args: args, WorkDir: "/src", Runs: runs}
	for i := range runs {
		p.Jobs = append(p.Jobs, runner.PlanJob{Index: i, Key: "load1_haf_seed" + strconv.Itoa(i+1), Fingerprint: "sha256:" + strconv.Itoa(i)})
	}
	path := filepath.Join(t.TempDir(), "plan.json")
	if err := runner.WritePlan(path, p); err != nil {
		t.Fatal(err)
	}
	return path
}

// decode strictly decodes the manifest file into v: an unknown or duplicated field is an error.
func decode(t *testing.T, path string, v any) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := yaml.UnmarshalStrict(b, v); err != nil {
		t.Fatalf("%s does not decode strictly: %v\n%s", filepath.Base(path), err, b)
	}
}

// podVolume checks that the pod mounts the claim at mount and returns its container.
func podVolume(t *testing.T, name string, spec corev1.PodSpec, claim, mount string) corev1.Container {
	t.Helper()
	if len(spec.Containers) != 1 || len(spec.Volumes) != 1 {
		t.Fatalf("%s: %d containers and %d volumes, want 1 and 1", name, len(spec.Containers), len(spec.Volumes))
	}
	c, v := spec.Containers[0], spec.Volumes[0]
	if v.PersistentVolumeClaim == nil || v.PersistentVolumeClaim.ClaimName != claim {
		t.Errorf("%s: volume %+v, want the claim %s", name, v, claim)
	}
	if len(c.VolumeMounts) != 1 || c.VolumeMounts[0].Name != v.Name || c.VolumeMounts[0].MountPath != mount {
		t.Errorf("%s: volume mounts %+v, want %s at %s", name, c.VolumeMounts, v.Name, mount)
	}
	if c.WorkingDir != mount {
		t.Errorf("%s: workingDir %q, want the volume %s (relative paths of the plan's arguments resolve there)", name, c.WorkingDir, mount)
	}
	if spec.RestartPolicy != corev1.RestartPolicyNever {
		t.Errorf("%s: restartPolicy %q, want Never", name, spec.RestartPolicy)
	}
	if sc := spec.SecurityContext; sc == nil || sc.FSGroup == nil || sc.RunAsNonRoot == nil || !*sc.RunAsNonRoot {
		t.Errorf("%s: security context %+v, want non-root with an fsGroup (the volume must be writable)", name, sc)
	}
	return c
}

func TestManifests(t *testing.T) {
	sweepArgs := []string{"--seeds", "3", "--loads", "0.75,1", "--methods=haf,round-robin", "--scenario", "/data/my scenario: \"x\".yaml"}
	tests := []struct {
		name                       string
		runs                       int
		flags                      []string
		shards, parallelism        int
		jobName, namespace, class  string
		cpus                       string
		mount, claim, storage, out string
	}{
		{name: "defaults: one shard per run", runs: 12, shards: 12, parallelism: 12, jobName: "airansim-loadsweep",
			cpus: "1", mount: "/data", claim: "airansim-data", storage: "10Gi"},
		{name: "shards and throttle", runs: 12, flags: []string{"--shards", "4", "--parallelism", "2", "--cpus", "3"},
			shards: 4, parallelism: 2, jobName: "airansim-loadsweep", cpus: "3", mount: "/data", claim: "airansim-data", storage: "10Gi"},
		{name: "more shards than runs, parallelism capped", runs: 3, flags: []string{"--shards", "5", "--parallelism", "9"},
			shards: 5, parallelism: 5, jobName: "airansim-loadsweep", cpus: "1", mount: "/data", claim: "airansim-data", storage: "10Gi"},
		{name: "everything named", runs: 2, flags: []string{"--name", "sweep-7", "--namespace", "lab", "--claim", "scratch",
			"--storage-class", "cephfs", "--storage", "200Gi", "--mount", "/mnt/runs", "--memory", "512Mi"},
			shards: 2, parallelism: 2, jobName: "sweep-7", namespace: "lab", class: "cephfs", cpus: "1", mount: "/mnt/runs",
			claim: "scratch", storage: "200Gi"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out := t.TempDir()
			args := append([]string{"--plan", writePlan(t, tc.runs, sweepArgs), "--image", "registry.example/airansim:v1", "--out", out}, tc.flags...)
			var stdout, stderr bytes.Buffer
			if err := run(context.Background(), args, &stdout, &stderr); err != nil {
				t.Fatalf("run: %v\n%s", err, stderr.String())
			}
			outDir := tc.mount + "/" + tc.jobName

			var job batchv1.Job
			decode(t, filepath.Join(out, "job.yaml"), &job)
			if job.APIVersion != "batch/v1" || job.Kind != "Job" || job.Name != tc.jobName || job.Namespace != tc.namespace {
				t.Errorf("job: %s %s %s/%s, want batch/v1 Job %s/%s", job.APIVersion, job.Kind, job.Namespace, job.Name, tc.namespace, tc.jobName)
			}
			s := job.Spec
			if s.CompletionMode == nil || *s.CompletionMode != batchv1.IndexedCompletion {
				t.Errorf("job: completionMode %v, want Indexed", s.CompletionMode)
			}
			if s.Completions == nil || int(*s.Completions) != tc.shards || s.Parallelism == nil || int(*s.Parallelism) != tc.parallelism {
				t.Errorf("job: completions %v, parallelism %v, want %d and %d", s.Completions, s.Parallelism, tc.shards, tc.parallelism)
			}
			if s.BackoffLimitPerIndex == nil || *s.BackoffLimitPerIndex != 2 || s.BackoffLimit != nil {
				t.Errorf("job: backoffLimitPerIndex %v, backoffLimit %v, want 2 and unset", s.BackoffLimitPerIndex, s.BackoffLimit)
			}
			if s.PodReplacementPolicy == nil || *s.PodReplacementPolicy != batchv1.Failed {
				t.Errorf("job: podReplacementPolicy %v, want Failed", s.PodReplacementPolicy)
			}
			c := podVolume(t, "job", s.Template.Spec, tc.claim, tc.mount)
			if c.Image != "registry.example/airansim:v1" || !slices.Equal(c.Command, []string{"/usr/local/bin/loadsweep"}) {
				t.Errorf("job: image %q command %q", c.Image, c.Command)
			}
			want := append(append([]string{}, sweepArgs...), "--out", outDir, "--parallel", tc.cpus,
				"--index", "$(JOB_COMPLETION_INDEX)", "--shards", strconv.Itoa(tc.shards))
			if !slices.Equal(c.Args, want) {
				t.Errorf("job: args\n%q, want\n%q", c.Args, want)
			}
			if len(c.Env) != 1 || c.Env[0].Name != "JOB_COMPLETION_INDEX" || c.Env[0].ValueFrom == nil || c.Env[0].ValueFrom.FieldRef == nil ||
				c.Env[0].ValueFrom.FieldRef.FieldPath != "metadata.annotations['batch.kubernetes.io/job-completion-index']" {
				t.Errorf("job: env %+v, want JOB_COMPLETION_INDEX from the completion-index annotation", c.Env)
			}
			if q := c.Resources.Requests[corev1.ResourceCPU]; q.String() != tc.cpus {
				t.Errorf("job: cpu request %s, want %s", q.String(), tc.cpus)
			}

			var merge batchv1.Job
			decode(t, filepath.Join(out, "merge-job.yaml"), &merge)
			if merge.Name != tc.jobName+"-merge" || merge.Namespace != tc.namespace || merge.Spec.CompletionMode != nil ||
				merge.Spec.Completions == nil || *merge.Spec.Completions != 1 {
				t.Errorf("merge: %s/%s completionMode %v completions %v", merge.Namespace, merge.Name, merge.Spec.CompletionMode, merge.Spec.Completions)
			}
			mc := podVolume(t, "merge", merge.Spec.Template.Spec, tc.claim, tc.mount)
			if !slices.Equal(mc.Command, []string{"/usr/local/bin/merge"}) || !slices.Equal(mc.Args, []string{"--in", outDir}) || mc.Image != c.Image {
				t.Errorf("merge: image %q command %q args %q", mc.Image, mc.Command, mc.Args)
			}

			var pvc corev1.PersistentVolumeClaim
			decode(t, filepath.Join(out, "pvc.yaml"), &pvc)
			if pvc.APIVersion != "v1" || pvc.Kind != "PersistentVolumeClaim" || pvc.Name != tc.claim || pvc.Namespace != tc.namespace {
				t.Errorf("pvc: %s %s %s/%s", pvc.APIVersion, pvc.Kind, pvc.Namespace, pvc.Name)
			}
			if !slices.Equal(pvc.Spec.AccessModes, []corev1.PersistentVolumeAccessMode{corev1.ReadWriteMany}) {
				t.Errorf("pvc: access modes %v, want ReadWriteMany", pvc.Spec.AccessModes)
			}
			if q := pvc.Spec.Resources.Requests[corev1.ResourceStorage]; q.Cmp(resource.MustParse(tc.storage)) != 0 {
				t.Errorf("pvc: storage %s, want %s", q.String(), tc.storage)
			}
			if got := pvc.Spec.StorageClassName; (tc.class == "") != (got == nil) || (got != nil && *got != tc.class) {
				t.Errorf("pvc: storage class %v, want %q", got, tc.class)
			}
		})
	}
}

// TestStrictDecoding checks that the decoding the test relies on does reject an unknown field.
func TestStrictDecoding(t *testing.T) {
	var job batchv1.Job
	err := yaml.UnmarshalStrict([]byte("apiVersion: batch/v1\nkind: Job\nspec:\n  completionMode: Indexed\n  completion: 3\n"), &job)
	if err == nil {
		t.Fatal("a misspelled field (completion) decoded without error")
	}
}

func TestUsageErrors(t *testing.T) {
	plan := writePlan(t, 2, nil)
	for _, args := range [][]string{
		{"--image", "x"},
		{"--plan", plan},
		{"--plan", plan, "--image", "x", "--shards", "-1"},
		{"--plan", plan, "--image", "x", "--cpus", "0"},
		{"--plan", plan, "--image", "x", "--name", "Not_A_Label"},
		{"--plan", plan, "--image", "x", "--storage", "lots"},
		{"--plan", plan, "--image", "x", "--mount", "data"},
		{"--plan", plan, "--image", "x", "--pull-policy", "Sometimes"},
	} {
		err := run(context.Background(), append(args, "--out", t.TempDir()), &bytes.Buffer{}, &bytes.Buffer{})
		var u *cli.UsageError
		if !errors.As(err, &u) {
			t.Errorf("%q: error %v, want a usage error", args, err)
		}
	}
	empty := filepath.Join(t.TempDir(), "plan.json")
	if err := os.WriteFile(empty, []byte(`{"version":1,"command":"loadsweep","runs":0,"jobs":[]}`), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := run(context.Background(), []string{"--plan", empty, "--image", "x", "--out", t.TempDir()}, &bytes.Buffer{}, &bytes.Buffer{}); err == nil {
		t.Error("a plan without runs gave no error")
	}
}

// TestDockerfile checks that the image installs the binaries where the manifests run them.
func TestDockerfile(t *testing.T) {
	b, err := os.ReadFile("../../scripts/k8s/Dockerfile")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), imageBin+"/") || !strings.Contains(string(b), "USER 65532") {
		t.Errorf("scripts/k8s/Dockerfile installs no binaries in %s or does not run as user 65532 (the pods' runAsUser)", imageBin)
	}
}

// TestManifestsRun runs what the manifests run, as Kubernetes would run it, on this machine: the
// Indexed Job's pods one per completion index (the env from the index, $(VAR) expanded as the
// kubelet does, the volume a temporary folder), then the merge Job; the merged summary.csv and
// table.md must equal a one-machine run of the same sweep byte for byte.
func TestManifestsRun(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the loadsweep and merge commands")
	}
	tmp := t.TempDir()
	bin := filepath.Join(tmp, "bin")
	build := exec.Command("go", "build", "-o", bin+"/", "../loadsweep", "../merge")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	sweep := []string{"--quick", "--methods", "haf,round-robin,lyapunov", "--seeds", "2"} // 6 runs
	runCmd(t, tmp, nil, filepath.Join(bin, "loadsweep"), append(sweep, "--out", filepath.Join(tmp, "single"))...)
	plan := filepath.Join(tmp, "plan.json")
	runCmd(t, tmp, nil, filepath.Join(bin, "loadsweep"), append(sweep, "--out", filepath.Join(tmp, "local"), "--plan", plan)...)

	vol, out := filepath.Join(tmp, "volume"), filepath.Join(tmp, "k8s")
	if err := run(context.Background(), []string{"--plan", plan, "--image", "x", "--shards", "4", "--mount", vol, "--out", out},
		&bytes.Buffer{}, &bytes.Buffer{}); err != nil {
		t.Fatal(err)
	}
	var job, merge batchv1.Job
	decode(t, filepath.Join(out, "job.yaml"), &job)
	decode(t, filepath.Join(out, "merge-job.yaml"), &merge)
	for k := range int(*job.Spec.Completions) {
		c := job.Spec.Template.Spec.Containers[0]
		env := map[string]string{}
		for _, e := range c.Env { // the Job controller sets the completion-index annotation
			if e.ValueFrom != nil && strings.Contains(e.ValueFrom.FieldRef.FieldPath, "job-completion-index") {
				env[e.Name] = strconv.Itoa(k)
			}
		}
		runCmd(t, c.WorkingDir, env, inImage(bin, c.Command[0]), expand(c.Args, env)...)
	}
	mc := merge.Spec.Template.Spec.Containers[0]
	runCmd(t, mc.WorkingDir, nil, inImage(bin, mc.Command[0]), mc.Args...)
	for _, f := range []string{"summary.csv", "table.md"} {
		want, err1 := os.ReadFile(filepath.Join(tmp, "single", f))
		got, err2 := os.ReadFile(filepath.Join(vol, "airansim-loadsweep", f))
		if err1 != nil || err2 != nil {
			t.Fatal(err1, err2)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s of the Indexed Job and merge Job differs from the one-machine run:\n%s\nwant\n%s", f, got, want)
		}
	}
}

// inImage maps a binary of the image to the one built in bin.
func inImage(bin, path string) string {
	if filepath.Dir(path) != imageBin {
		panic("not a binary of the image: " + path)
	}
	return filepath.Join(bin, filepath.Base(path))
}

// expand replaces $(NAME) by env[NAME] in args, as the kubelet does for declared variables.
func expand(args []string, env map[string]string) []string {
	out := make([]string, len(args))
	for i, a := range args {
		for k, v := range env {
			a = strings.ReplaceAll(a, "$("+k+")", v)
		}
		out[i] = a
	}
	return out
}

// runCmd runs name with args in dir with the extra environment env, failing the test on an error.
func runCmd(t *testing.T, dir string, env map[string]string, name string, args ...string) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(name, args...)
	cmd.Dir, cmd.Env = dir, os.Environ()
	for k, v := range env {
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%s %q: %v\n%s", filepath.Base(name), args, err, out)
	}
}
