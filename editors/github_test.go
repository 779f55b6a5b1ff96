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

// TestGitHubWorkflow checks the example workflow against the action it
// uses (action.yml), then runs the action's check step, as the workflow
// configures it, on a sample checkout: it must produce what GitHub reads,
// workflow commands for annotations and a SARIF file for upload-sarif.
func TestGitHubWorkflow(t *testing.T) {
	bash := testenv.Tool(t, "bash", "apt-get install -y bash")
	root := repoRoot(t)
	workflow := readFile(t, filepath.Join(root, "editors", "github", "asynclint.yml"))
	action := readFile(t, filepath.Join(root, "action.yml"))

	uses := regexp.MustCompile(`(?m)^\s+- uses: asynclint/asynclint@v(\d+\.\d+\.\d+)`).FindStringSubmatch(workflow)
	if uses == nil {
		t.Fatalf("the workflow does not use asynclint/asynclint@vX.Y.Z")
	}
	sarif := regexp.MustCompile(`(?m)^\s+sarif-file: (\S+)$`).FindStringSubmatch(workflow)
	if sarif == nil {
		t.Fatalf("the workflow does not set the action's sarif-file")
	}
	for _, want := range []string{"github/codeql-action/upload-sarif@v3", "sarif_file: " + sarif[1], "security-events: write"} {
		if !strings.Contains(workflow, want) {
			t.Errorf("the workflow lacks %q", want)
		}
	}
	for _, want := range []string{"using: composite", "  version:", "  args:", "  sarif-file:",
		`run: bash "$GITHUB_ACTION_PATH/editors/github/install.sh"`, `run: bash "$GITHUB_ACTION_PATH/editors/github/check.sh"`} {
		if !strings.Contains(action, want) {
			t.Errorf("action.yml lacks %q", want)
		}
	}
	changelog := readFile(t, filepath.Join(root, "CHANGELOG.md"))
	if !strings.Contains(changelog, "## ["+uses[1]+"]") {
		t.Errorf("the workflow pins v%s, which CHANGELOG.md does not list", uses[1])
	}

	bin := buildAsynclint(t)
	checkout := t.TempDir()
	writeFiles(t, checkout, map[string]string{"app/blocking.py": blockingPy, "app/clean.py": cleanPy})
	cmd := exec.Command(bash, filepath.Join(root, "editors", "github", "check.sh"))
	cmd.Dir = checkout
	cmd.Env = withEnv(map[string]string{
		"PATH":       filepath.Dir(bin) + string(os.PathListSeparator) + os.Getenv("PATH"),
		"ARGS":       "",
		"SARIF_FILE": sarif[1],
	})
	out, err := cmd.Output()
	if err != nil && cmd.ProcessState == nil {
		t.Fatal(err)
	}

	t.Run("annotations", func(t *testing.T) {
		// Exit 1 fails the step, which is what makes findings fail the job.
		annotation := regexp.MustCompile(`(?m)^::(error|warning) file=app/blocking\.py,line=5,col=5,.*title=AL201`)
		if code := cmd.ProcessState.ExitCode(); code != 1 || !annotation.Match(out) {
			t.Errorf("check.sh: exit %d, want 1 and an AL201 annotation for app/blocking.py:\n%s", code, out)
		}
	})

	t.Run("SARIF", func(t *testing.T) {
		data, err := os.ReadFile(filepath.Join(checkout, sarif[1]))
		if err != nil {
			t.Fatal(err)
		}
		var log struct {
			Version string `json:"version"`
			Runs    []struct {
				Tool struct {
					Driver struct {
						Version string `json:"version"`
					} `json:"driver"`
				} `json:"tool"`
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
		if err := json.Unmarshal(data, &log); err != nil {
			t.Fatalf("%s is not JSON: %v", sarif[1], err)
		}
		if log.Version != "2.1.0" || len(log.Runs) != 1 || len(log.Runs[0].Results) != 1 {
			t.Fatalf("want SARIF 2.1.0 with one run and one result, got %s", data)
		}
		if v := log.Runs[0].Tool.Driver.Version; v == "" {
			t.Errorf("the SARIF tool has no version")
		}
		r := log.Runs[0].Results[0]
		// Code scanning matches files by paths relative to the repository root.
		if r.RuleID != "AL201" || len(r.Locations) != 1 || r.Locations[0].PhysicalLocation.ArtifactLocation.URI != "app/blocking.py" {
			t.Errorf("result = %+v, want AL201 at app/blocking.py", r)
		}
	})

	t.Run("README shows the same workflow", func(t *testing.T) {
		readme := readFile(t, filepath.Join(root, "README.md"))
		body := workflow[strings.Index(workflow, "name: asynclint"):]
		if !strings.Contains(readme, body) {
			t.Errorf("README.md's GitHub Actions section differs from editors/github/asynclint.yml (from %q on)", "name: asynclint")
		}
	})
}

// TestGitHubActionInstall runs the action's install step the way the
// action's tag sets it up, with pip finding the wheel in $ASYNCLINT_WHEELS
// (scripts/release.sh writes dist/) instead of PyPI, and Go off PATH.
func TestGitHubActionInstall(t *testing.T) {
	bash := testenv.Tool(t, "bash", "apt-get install -y bash")
	install := filepath.Join(repoRoot(t), "editors", "github", "install.sh")
	run := func(t *testing.T, env map[string]string) (string, int) {
		t.Helper()
		cmd := exec.Command(bash, install)
		cmd.Env = withEnv(env)
		out, err := cmd.CombinedOutput()
		if err != nil && cmd.ProcessState == nil {
			t.Fatal(err)
		}
		return string(out), cmd.ProcessState.ExitCode()
	}

	t.Run("a branch is no version", func(t *testing.T) {
		out, code := run(t, map[string]string{"INPUT_VERSION": "", "ACTION_REF": "main", "RUNNER_TEMP": t.TempDir()})
		if code != 2 || !strings.Contains(out, "::error title=asynclint::") || !strings.Contains(out, "@main") {
			t.Errorf("exit %d, want 2 and an error annotation naming @main:\n%s", code, out)
		}
	})

	t.Run("the tag's release wheel", func(t *testing.T) {
		wheels := os.Getenv("ASYNCLINT_WHEELS")
		if wheels == "" {
			t.Skip("set ASYNCLINT_WHEELS to a directory with asynclint's wheel for this machine (scripts/release.sh writes dist/)")
		}
		wheels, err := filepath.Abs(wheels)
		if err != nil {
			t.Fatal(err)
		}
		matches, _ := filepath.Glob(filepath.Join(wheels, "asynclint-*-py3-none-*.whl"))
		if len(matches) == 0 {
			t.Fatalf("no asynclint-*.whl in %s", wheels)
		}
		version := strings.Split(filepath.Base(matches[0]), "-")[1]
		tmp := t.TempDir()
		githubPath := filepath.Join(tmp, "github_path")
		out, code := run(t, map[string]string{
			"INPUT_VERSION":  "",
			"ACTION_REF":     "v" + version,
			"RUNNER_TEMP":    tmp,
			"GITHUB_PATH":    githubPath,
			"PIP_FIND_LINKS": wheels,
			"PIP_NO_INDEX":   "1",
			"PATH":           pathWithout("go"),
		})
		if code != 0 {
			t.Fatalf("install.sh: exit %d\n%s", code, out)
		}
		dir := strings.TrimSpace(readFile(t, githubPath))
		for _, name := range []string{"asynclint", "asyncls"} {
			if _, err := exec.LookPath(filepath.Join(dir, name)); err != nil {
				t.Errorf("%s, added to GITHUB_PATH, has no %s executable: %v", dir, name, err)
			}
		}
		if !strings.Contains(out, "asynclint ") {
			t.Errorf("install.sh did not print the installed version:\n%s", out)
		}
	})
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}
