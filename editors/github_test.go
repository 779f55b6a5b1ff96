package editors

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/asynclint/asynclint/internal/testenv"
)

// TestGitHubWorkflow runs the example workflow's asynclint commands, as
// written, on a sample checkout and checks they produce what GitHub reads:
// workflow commands for annotations, and a SARIF file for upload-sarif.
func TestGitHubWorkflow(t *testing.T) {
	sh := testenv.Tool(t, "sh", "a POSIX shell")
	root := repoRoot(t)
	data, err := os.ReadFile(filepath.Join(root, "editors", "github", "asynclint.yml"))
	if err != nil {
		t.Fatal(err)
	}
	workflow := string(data)
	var runs []string
	for _, m := range regexp.MustCompile(`(?m)^\s+run: (asynclint check.*)$`).FindAllStringSubmatch(workflow, -1) {
		runs = append(runs, m[1])
	}
	if len(runs) != 2 {
		t.Fatalf("want two `run: asynclint check` steps, found %q", runs)
	}
	for _, want := range []string{"github/codeql-action/upload-sarif@v3", "sarif_file: asynclint.sarif", "security-events: write"} {
		if !strings.Contains(workflow, want) {
			t.Errorf("the workflow lacks %q", want)
		}
	}

	bin := buildAsynclint(t)
	checkout := t.TempDir()
	writeFiles(t, checkout, map[string]string{"app/blocking.py": blockingPy, "app/clean.py": cleanPy})
	run := func(command string) (string, int) {
		cmd := exec.Command(sh, "-c", command)
		cmd.Dir = checkout
		cmd.Env = withEnv(map[string]string{"PATH": filepath.Dir(bin) + string(os.PathListSeparator) + os.Getenv("PATH")})
		out, err := cmd.Output()
		if err != nil && cmd.ProcessState == nil {
			t.Fatalf("%s: %v", command, err)
		}
		return string(out), cmd.ProcessState.ExitCode()
	}

	t.Run("annotations", func(t *testing.T) {
		out, code := run(runs[0])
		if !strings.Contains(runs[0], "--format github") {
			t.Fatalf("first step is %q, want --format github", runs[0])
		}
		// Exit 1 fails the step, which is what makes findings fail the job.
		annotation := regexp.MustCompile(`(?m)^::(error|warning) file=app/blocking\.py,line=5,col=5,.*title=AL201`)
		if code != 1 || !annotation.MatchString(out) {
			t.Errorf("%s: exit %d, want 1 and an AL201 annotation for app/blocking.py:\n%s", runs[0], code, out)
		}
	})

	t.Run("SARIF", func(t *testing.T) {
		if _, code := run(runs[1]); code != 0 {
			t.Errorf("%s: exit %d; `|| true` should let the upload step run", runs[1], code)
		}
		data, err := os.ReadFile(filepath.Join(checkout, "asynclint.sarif"))
		if err != nil {
			t.Fatal(err)
		}
		var sarif struct {
			Version string `json:"version"`
			Runs    []struct {
				Results []struct {
					RuleID    string `json:"ruleId"`
					Locations []struct {
						PhysicalLocation struct {
							ArtifactLocation struct {
								URI string `json:"uri"`
							} `json:"artifactLocation"`
						} `json:"physicalLocation"`
					} `json:"locations"`
				} `json:"results"`
			} `json:"runs"`
		}
		if err := json.Unmarshal(data, &sarif); err != nil {
			t.Fatalf("asynclint.sarif is not JSON: %v", err)
		}
		if sarif.Version != "2.1.0" || len(sarif.Runs) != 1 || len(sarif.Runs[0].Results) != 1 {
			t.Fatalf("want SARIF 2.1.0 with one run and one result, got %s", data)
		}
		r := sarif.Runs[0].Results[0]
		// Code scanning matches files by paths relative to the repository root.
		if r.RuleID != "AL201" || len(r.Locations) != 1 || r.Locations[0].PhysicalLocation.ArtifactLocation.URI != "app/blocking.py" {
			t.Errorf("result = %+v, want AL201 at app/blocking.py", r)
		}
	})

	t.Run("README shows the same workflow", func(t *testing.T) {
		readme, err := os.ReadFile(filepath.Join(root, "README.md"))
		if err != nil {
			t.Fatal(err)
		}
		body := workflow[strings.Index(workflow, "name: asynclint"):]
		if !strings.Contains(string(readme), body) {
			t.Errorf("README.md's GitHub Actions section differs from editors/github/asynclint.yml (from %q on)", "name: asynclint")
		}
	})
}
