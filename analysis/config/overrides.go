package config

import (
	"fmt"
	"maps"
	"slices"
)

// Overrides are settings given on the command line, applied on top of
// every configuration file.
type Overrides struct {
	Select        []string // replaces select; nil when not given
	ExtendSelect  []string // added to extend-select
	Ignore        []string // added to ignore
	TargetVersion string   // replaces target-version; "" when not given
	TopLevelAwait bool     // sets allow-top-level-await
	// Exclude replaces exclude (nil when not given), and ExtendExclude adds
	// to it: patterns relative to the directory Dir, the working
	// directory of the command.
	Exclude, ExtendExclude []string
	Dir                    string
}

// check reports the first override that is not valid, naming its flag.
func (o *Overrides) check(cat *Catalog) (Version, error) {
	for _, opt := range []struct {
		name string
		sels []string
	}{{"--select", o.Select}, {"--extend-select", o.ExtendSelect}, {"--ignore", o.Ignore}} {
		for _, s := range opt.sels {
			if err := checkSelector(s, cat); err != nil {
				return Version{}, fmt.Errorf("%s: %v", opt.name, err)
			}
		}
	}
	if o.TargetVersion == "" {
		return Version{}, nil
	}
	v, err := parseTarget(o.TargetVersion)
	if err != nil {
		return Version{}, fmt.Errorf("--target-version: %v", err)
	}
	return v, nil
}

// override applies o to c. On error c is unchanged.
func (c *Config) override(o Overrides, cat *Catalog) error {
	v, err := o.check(cat)
	if err != nil {
		return err
	}
	c.Origins = maps.Clone(c.Origins)
	if c.Origins == nil {
		c.Origins = map[string]string{}
	}
	from := func(key, flag string) {
		if prev := c.Origins[key]; prev != "" {
			flag = prev + ", " + flag
		}
		c.Origins[key] = flag
	}
	if o.TargetVersion != "" {
		c.Settings.TargetVersion = v
		c.Origins["target-version"] = "--target-version"
	}
	if o.TopLevelAwait {
		c.Settings.TopLevelAwait = true
		c.Origins["allow-top-level-await"] = "--allow-top-level-await"
	}
	if o.Select != nil {
		c.Select = o.Select
		c.Origins["select"] = "--select"
	}
	if len(o.ExtendSelect) > 0 {
		c.ExtendSelect = slices.Concat(c.ExtendSelect, o.ExtendSelect)
		from("extend-select", "--extend-select")
	}
	if len(o.Ignore) > 0 {
		c.Ignore = slices.Concat(c.Ignore, o.Ignore)
		from("ignore", "--ignore")
	}
	if o.Exclude != nil {
		c.Exclude = rebaseAll(o.Exclude, o.Dir, c.Root)
		c.Origins["exclude"] = "--exclude"
	}
	if len(o.ExtendExclude) > 0 {
		c.Exclude = slices.Concat(c.Exclude, rebaseAll(o.ExtendExclude, o.Dir, c.Root))
		from("exclude", "--extend-exclude")
	}
	c.m = newMatcher(c, cat)
	return nil
}
