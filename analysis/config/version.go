package config

import (
	"fmt"
	"strconv"
	"strings"
)

// The target versions asynclint accepts, as ruff does.
var (
	minTarget = Version{Major: 3, Minor: 8}
	maxTarget = Version{Major: 3, Minor: 14}
)

// parseTarget reads a target-version value, "py38" through "py314". It is
// stricter than ParseVersion so that configuration files keep one
// spelling.
func parseTarget(s string) (Version, error) {
	v, err := ParseVersion(s)
	if err != nil || s != v.String() || less(v, minTarget) || less(maxTarget, v) {
		var names []string
		for t := minTarget; !less(maxTarget, t); t.Minor++ {
			names = append(names, t.String())
		}
		return Version{}, fmt.Errorf("unsupported target version %q (expected one of %s)", s, strings.Join(names, ", "))
	}
	return v, nil
}

func less(a, b Version) bool { return !a.AtLeast(b.Major, b.Minor) }

// inferVersion returns the oldest Python that [project] requires-python
// admits, so that a project which declares the versions it supports need
// not repeat them for asynclint.
func inferVersion(doc map[string]any) (Version, bool) {
	project, _ := doc["project"].(map[string]any)
	spec, ok := project["requires-python"].(string)
	if !ok {
		return Version{}, false
	}
	return lowerBound(spec)
}

// lowerBound returns the oldest minor version a PEP 440 specifier set such
// as ">=3.10,<4" admits, brought into the range of target versions. It
// reports false when the set has no lower bound or cannot be read.
func lowerBound(spec string) (Version, bool) {
	var low Version
	found := false
	for _, clause := range strings.Split(spec, ",") {
		clause = strings.TrimSpace(clause)
		rest := strings.TrimLeft(clause, "<>=!~")
		op := clause[:len(clause)-len(rest)]
		switch op {
		case "<", "<=", "!=":
			continue
		case ">=", ">", "~=", "==", "===":
		default:
			return Version{}, false
		}
		v, n, ok := parseRelease(strings.TrimSpace(rest))
		if !ok {
			return Version{}, false
		}
		if op == ">" && n <= 2 {
			v.Minor++ // ">3.8" is read as "3.9 or later", as ruff does
		}
		if !found || less(low, v) {
			low, found = v, true
		}
	}
	if !found {
		return Version{}, false
	}
	switch {
	case less(low, minTarget):
		low = minTarget
	case less(maxTarget, low):
		low = maxTarget
	}
	return low, true
}

// parseRelease reads the major and minor numbers of a version such as
// "3.10", "3.10.2" or "3.*", and how many components it has.
func parseRelease(s string) (v Version, n int, ok bool) {
	parts := strings.SplitN(strings.TrimSuffix(s, ".*"), ".", 3)
	major, err := strconv.Atoi(parts[0])
	if err != nil || major < 0 {
		return v, 0, false
	}
	minor := 0
	if len(parts) > 1 {
		if minor, err = strconv.Atoi(parts[1]); err != nil || minor < 0 {
			return v, 0, false
		}
	}
	return Version{Major: major, Minor: minor}, len(parts), true
}
