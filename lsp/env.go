package lsp

import (
	"path/filepath"
	"strings"

	"github.com/asynclint/asynclint/analysis"
	"github.com/asynclint/asynclint/analysis/config"
	"github.com/asynclint/asynclint/analysis/discover"
	"go.uber.org/zap"
)

// configFiles are the names of the files config.Find reads.
var configFiles = []string{"pyproject.toml", "asynclint.toml", ".asynclint.toml"}

// An env is what a document is checked with: the configuration found
// upward from its directory with the editor's settings on top, and the
// rules that enables for it.
type env struct {
	cfg      *config.Config
	rules    []*analysis.Rule
	excluded bool // by the configuration's exclude patterns
	settings settings
}

// envFor returns the environment of the document at path ("" for one that
// is not a file). A configuration file that cannot be read is reported and
// replaced by the defaults.
func (s *Server) envFor(path string) *env {
	folder, set := s.config.settingsFor(path)
	dir := filepath.Dir(path)
	if path == "" {
		dir = folder
	}
	cfg, err := config.FindIn(dir, s.suite.Catalog())
	if err != nil {
		s.warn(err.Error() + "; using the default configuration")
		cfg = defaultConfig(dir)
	}
	if err := set.apply(cfg, s.known); err != nil {
		s.log.Error("settings were checked but do not apply", zap.Error(err))
	}
	if config.IsNotebook(path) {
		cfg.Settings.TopLevelAwait = true // as asynclint check allows it in notebooks
	}
	e := &env{cfg: cfg, rules: s.suite.Enabled(cfg, path), settings: set}
	e.excluded = path != "" && discover.Options{Exclude: cfg.Exclude, ExcludeRoot: cfg.Root}.Excluded(path)
	return e
}

// defaultConfig is the configuration used in dir when its file is broken.
func defaultConfig(dir string) *config.Config {
	return &config.Config{Root: dir, Settings: *config.DefaultSettings()}
}

// within reports whether path is dir or lies below it.
func within(path, dir string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}
