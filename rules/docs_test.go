package rules

import (
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/asynclint/asynclint/analysis"
	"github.com/asynclint/asynclint/analysis/check"
	"github.com/asynclint/asynclint/analysis/config"
	"github.com/asynclint/asynclint/analysis/project"
	"github.com/asynclint/asynclint/analysis/ruledoc"
	"github.com/asynclint/asynclint/analysis/semantic"
	"github.com/asynclint/asynclint/analysis/syntax"
)

// pageSettings is configuration a page's examples are checked with beyond
// the ```toml block the page may show, for rules that the defaults leave
// silent: AL506 applies from Python 3.11, as its page says in words.
var pageSettings = map[string]string{
	"AL506": "[tool.asynclint]\ntarget-version = \"py311\"\n",
}

// TestPages checks that every rule has a page and every page a rule.
func TestPages(t *testing.T) {
	suite := Suite()
	pages, err := fs.Glob(docs, "docs/*.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, page := range pages {
		code := strings.TrimSuffix(path.Base(page), ".md")
		if r := suite.Lookup(code); r == nil || r.Code != code {
			t.Errorf("%s is the page of no rule", page)
		}
	}
	for _, r := range suite.Rules {
		if !slices.Contains(pages, "docs/"+r.Code+".md") || strings.TrimSpace(r.Doc) == "" {
			t.Errorf("%s has no page in docs/", r.Code)
		}
	}
}

// TestPageExamples checks each rule's page the way a user would: the
// whole suite, with the configuration the page shows, raises the rule on
// its example and nothing else, and nothing at all on the code it
// recommends instead. A rule that is off by default is run all the same.
func TestPageExamples(t *testing.T) {
	suite := Suite()
	p := syntax.NewParser()
	defer p.Close()
	for _, r := range suite.Rules {
		t.Run(r.Code, func(t *testing.T) {
			example, instead := ruledoc.Examples(r.Doc)
			if example == "" || instead == "" {
				t.Fatal("the page lacks an example or the code to use instead")
			}
			cfg := pageConfig(t, suite, r)
			rules := suite.Enabled(cfg, filepath.Join(cfg.Root, "example.py"))
			if !slices.Contains(rules, r) {
				rules = append(rules, r)
			}
			modules := splitModules(example)
			found := checkModules(t, p, suite, rules, &cfg.Settings, modules)
			if !slices.Contains(found, r.Code) {
				t.Errorf("the example raises no %s", r.Code)
			}
			for _, code := range found {
				if code != r.Code {
					t.Errorf("the example raises %s", code)
				}
			}
			for _, code := range checkModules(t, p, suite, rules, &cfg.Settings, replaceModules(modules, splitModules(instead))) {
				t.Errorf("the code to use instead raises %s", code)
			}
		})
	}
}

// pageConfig returns the configuration of a rule's examples: the defaults,
// with the ```toml block of its page and its pageSettings.
func pageConfig(t *testing.T, suite *analysis.Suite, r *analysis.Rule) *config.Config {
	t.Helper()
	text := pageSettings[r.Code]
	if _, after, ok := strings.Cut(r.Doc, "```toml\n"); ok {
		block, _, _ := strings.Cut(after, "```")
		text += block
	}
	pyproject := filepath.Join(t.TempDir(), "pyproject.toml")
	if err := os.WriteFile(pyproject, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg, err := config.Load(pyproject, suite.Codes())
	if err != nil {
		t.Fatal(err)
	}
	return cfg
}

// A module of an example: the code that follows a "# name.py" line, or
// the whole example, with no name, when it has no such line.
type module struct {
	name, src string
}

// file returns the path of the module's file.
func (m module) file() string {
	if m.name == "" {
		return "example.py"
	}
	return strings.ReplaceAll(m.name, ".", "/") + ".py"
}

var moduleHeader = regexp.MustCompile(`(?m)^# ([\w/]+)\.py$`)

// splitModules splits an example into its modules.
func splitModules(code string) []module {
	headers := moduleHeader.FindAllStringSubmatchIndex(code, -1)
	if len(headers) == 0 {
		return []module{{src: code}}
	}
	var modules []module
	for i, h := range headers {
		end := len(code)
		if i+1 < len(headers) {
			end = headers[i+1][0]
		}
		name := strings.ReplaceAll(code[h[2]:h[3]], "/", ".")
		modules = append(modules, module{name: name, src: code[h[0]:end]})
	}
	return modules
}

// replaceModules returns the modules of an example with those of the code
// to use instead in their place. Code without a name stands for the
// example's last module: the one the other modules serve.
func replaceModules(example, instead []module) []module {
	out := slices.Clone(example)
	for _, m := range instead {
		if m.name == "" {
			m.name = example[len(example)-1].name
		}
		if i := slices.IndexFunc(out, func(e module) bool { return e.name == m.name }); i >= 0 {
			out[i] = m
		} else {
			out = append(out, m)
		}
	}
	return out
}

// checkModules checks the modules as one project, the way the command
// line checks a directory, and returns the codes of what it finds in
// order. A problem with the code itself, such as a syntax error, fails
// the test.
func checkModules(t *testing.T, p *syntax.Parser, suite *analysis.Suite, rules []*analysis.Rule, settings *config.Settings, modules []module) []string {
	t.Helper()
	trees := make([]*syntax.Tree, len(modules))
	summaries := make([]*project.Summary, len(modules))
	for i, m := range modules {
		tree, err := p.Parse([]byte(m.src))
		if err != nil {
			t.Fatal(err)
		}
		file := semantic.Build(tree)
		summaries[i] = suite.Summarize.Summarize(file, settings, nil)
		file.Release()
		summaries[i].Module, summaries[i].Path = m.name, m.file()
		trees[i] = tree
	}
	index := project.NewIndex(summaries, project.Options{Allowed: settings.Blocking.Allowed})
	var codes []string
	for i, tree := range trees {
		res := check.Run(tree, &check.Options{Rules: rules, Settings: settings,
			Project: func(*semantic.File) *project.View { return index.For(summaries[i]) }})
		where := modules[i].file()
		for _, n := range res.Notes {
			t.Errorf("%s:%d: %s", where, tree.LineOf(n.Offset), n.Message)
		}
		for _, d := range res.Diagnostics {
			if d.Rule == nil {
				t.Errorf("%s:%d: %s", where, tree.LineOf(d.Start), d.Message)
				continue
			}
			t.Logf("%s:%d: %s %s", where, tree.LineOf(d.Start), d.Rule.Code, d.Message)
			codes = append(codes, d.Rule.Code)
		}
	}
	return codes
}
