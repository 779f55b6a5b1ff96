package lsp

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/url"
	"sort"
	"strings"
	"time"

	"github.com/asynclint/asynclint/analysis/config"
)

// section is the settings section the server reads, in
// initializationOptions and in workspace/configuration.
const section = "asynclint"

// Defaults of the settings that do not come from the configuration file.
const (
	defaultDebounce    = 0 // check at once; edits during a check are coalesced
	defaultRuleDocsURL = "https://asynclint.dev/rules/"
)

// settings are the editor's settings for asynclint. Those that the
// configuration file also has are layered on top of the project's
// pyproject.toml or asynclint.toml; a nil or empty value leaves the file's.
type settings struct {
	Select, ExtendSelect, Ignore []string
	TargetVersion                string
	AllowTopLevelAwait           *bool

	FixAll      bool          // offer source.fixAll.asynclint
	Debounce    time.Duration // quiet time after an edit before it is checked
	RuleDocsURL string        // the base of each diagnostic's codeDescription
}

func defaultSettings() settings {
	return settings{FixAll: true, Debounce: defaultDebounce, RuleDocsURL: defaultRuleDocsURL}
}

// parseSettings reads the settings in raw, a JSON object that is either
// the section itself or holds it under "asynclint", over base. A value
// that is missing or null keeps base's; a bad one is reported and keeps
// base's too, so that one typo does not turn the rest off. known lists the
// rule codes selectors must match.
func parseSettings(base settings, raw []byte, known []string) (settings, []string) {
	var obj map[string]json.RawMessage
	if len(bytes.TrimSpace(raw)) == 0 || bytes.Equal(bytes.TrimSpace(raw), []byte("null")) {
		return base, nil
	}
	if err := json.Unmarshal(raw, &obj); err != nil {
		return base, []string{fmt.Sprintf("settings: expected an object, got %s", raw)}
	}
	if inner, ok := obj[section]; ok {
		return parseSettings(base, inner, known)
	}
	s := base
	var problems []string
	bad := func(key, format string, args ...any) {
		problems = append(problems, fmt.Sprintf("setting %s.%s: %s", section, key, fmt.Sprintf(format, args...)))
	}
	keys := make([]string, 0, len(obj))
	for k := range obj {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, key := range keys {
		v := obj[key]
		if bytes.Equal(v, []byte("null")) {
			continue
		}
		switch key {
		case "select", "extendSelect", "ignore":
			var sels []string
			if err := json.Unmarshal(v, &sels); err != nil {
				bad(key, "expected a list of rule codes or prefixes, got %s", v)
				continue
			}
			if len(sels) == 0 {
				continue // an empty list is the editor's "not set"
			}
			// Override checks the selectors against the rule codes.
			if err := new(config.Config).Override(sels, nil, nil, "", known); err != nil {
				bad(key, "%s", cutOption(err))
				continue
			}
			switch key {
			case "select":
				s.Select = sels
			case "extendSelect":
				s.ExtendSelect = sels
			default:
				s.Ignore = sels
			}
		case "targetVersion":
			var tv string
			if err := json.Unmarshal(v, &tv); err != nil {
				bad(key, "expected a version such as \"py311\", got %s", v)
				continue
			}
			if err := new(config.Config).Override(nil, nil, nil, tv, known); err != nil {
				bad(key, "%s", cutOption(err))
				continue
			}
			s.TargetVersion = tv
		case "allowTopLevelAwait", "fixAll":
			var b bool
			if err := json.Unmarshal(v, &b); err != nil {
				bad(key, "expected true or false, got %s", v)
				continue
			}
			if key == "fixAll" {
				s.FixAll = b
			} else {
				s.AllowTopLevelAwait = &b
			}
		case "debounceMs":
			var ms int
			if err := json.Unmarshal(v, &ms); err != nil || ms < 0 || ms > 10_000 {
				bad(key, "expected milliseconds from 0 to 10000, got %s", v)
				continue
			}
			s.Debounce = time.Duration(ms) * time.Millisecond
		case "ruleDocsURL":
			var base string
			err := json.Unmarshal(v, &base)
			if err == nil {
				var u *url.URL
				if u, err = url.Parse(base); err == nil && (u.Scheme != "https" && u.Scheme != "http" || u.Host == "") {
					err = fmt.Errorf("not an http(s) URL")
				}
			}
			if err != nil {
				bad(key, "expected the URL that rule codes are appended to, got %s", v)
				continue
			}
			s.RuleDocsURL = base
		default:
			bad(key, "unknown setting (known: select, extendSelect, ignore, targetVersion, allowTopLevelAwait, fixAll, debounceMs, ruleDocsURL)")
		}
	}
	return s, problems
}

// cutOption drops the command-line option that config.Override's errors
// start with: "--select: unknown rule selector" is about a setting here.
func cutOption(err error) string {
	msg := err.Error()
	if opt, rest, ok := strings.Cut(msg, ": "); ok && strings.HasPrefix(opt, "--") {
		return rest
	}
	return msg
}

// apply layers s over cfg, a configuration as loaded from its file.
func (s *settings) apply(cfg *config.Config, known []string) error {
	if s.AllowTopLevelAwait != nil {
		cfg.Settings.TopLevelAwait = *s.AllowTopLevelAwait
	}
	return cfg.Override(s.Select, s.ExtendSelect, s.Ignore, s.TargetVersion, known)
}

// ruleURL returns the address of the page of the rule with code.
func (s *settings) ruleURL(code string) string {
	return strings.TrimSuffix(s.RuleDocsURL, "/") + "/" + code
}
