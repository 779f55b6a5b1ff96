package report

import (
	"net/url"
	"path"
	"path/filepath"
	"strings"
)

// SARIF 2.1.0, the subset that GitHub code scanning reads.
type (
	sarifLog struct {
		Schema  string     `json:"$schema"`
		Version string     `json:"version"`
		Runs    []sarifRun `json:"runs"`
	}
	sarifRun struct {
		Tool       sarifTool     `json:"tool"`
		ColumnKind string        `json:"columnKind"`
		Results    []sarifResult `json:"results"`
	}
	sarifTool struct {
		Driver sarifDriver `json:"driver"`
	}
	sarifDriver struct {
		Name           string      `json:"name"`
		InformationURI string      `json:"informationUri"`
		Version        string      `json:"version,omitempty"`
		Rules          []sarifRule `json:"rules"`
	}
	sarifRule struct {
		ID                   string             `json:"id"`
		Name                 string             `json:"name"`
		ShortDescription     sarifMessage       `json:"shortDescription"`
		FullDescription      sarifMessage       `json:"fullDescription"`
		HelpURI              string             `json:"helpUri,omitempty"`
		DefaultConfiguration sarifConfiguration `json:"defaultConfiguration"`
	}
	sarifConfiguration struct {
		Level string `json:"level"`
	}
	sarifMessage struct {
		Text string `json:"text"`
	}
	sarifResult struct {
		RuleID           string           `json:"ruleId"`
		RuleIndex        *int             `json:"ruleIndex,omitempty"`
		Level            string           `json:"level"`
		Message          sarifMessage     `json:"message"`
		Locations        []sarifLocation  `json:"locations"`
		RelatedLocations []sarifLocation  `json:"relatedLocations,omitempty"`
		Properties       *sarifProperties `json:"properties,omitempty"`
	}
	// sarifProperties holds, for a finding in a notebook, the cell whose
	// lines its region counts.
	sarifProperties struct {
		Cell int `json:"cell"`
	}
	sarifLocation struct {
		ID               int                   `json:"id,omitempty"` // from 1 in relatedLocations
		PhysicalLocation sarifPhysicalLocation `json:"physicalLocation"`
		Message          *sarifMessage         `json:"message,omitempty"`
	}
	sarifPhysicalLocation struct {
		ArtifactLocation sarifArtifactLocation `json:"artifactLocation"`
		Region           sarifRegion           `json:"region"`
	}
	sarifArtifactLocation struct {
		URI       string `json:"uri"`
		URIBaseID string `json:"uriBaseId,omitempty"`
	}
	sarifRegion struct {
		StartLine   int `json:"startLine"`
		StartColumn int `json:"startColumn"`
		EndLine     int `json:"endLine"`
		EndColumn   int `json:"endColumn"`
	}
)

// sarifOf builds the log: one run listing every rule, with one result per
// finding.
func sarifOf(findings []Finding, opts Options) *sarifLog {
	index := make(map[string]int, len(opts.Rules))
	rules := make([]sarifRule, len(opts.Rules))
	for i, r := range opts.Rules {
		index[r.Code] = i
		rules[i] = sarifRule{
			ID:                   r.Code,
			Name:                 r.Name,
			ShortDescription:     sarifMessage{r.Summary},
			FullDescription:      sarifMessage{r.Summary},
			HelpURI:              r.HelpURI,
			DefaultConfiguration: sarifConfiguration{level(r.Severity)},
		}
	}
	results := make([]sarifResult, len(findings))
	for i := range findings {
		results[i] = sarifResultOf(&findings[i], index)
	}
	return &sarifLog{
		Schema:  "https://json.schemastore.org/sarif-2.1.0.json",
		Version: "2.1.0",
		Runs: []sarifRun{{
			Tool: sarifTool{sarifDriver{
				Name:           "asynclint",
				InformationURI: "https://github.com/asynclint/asynclint",
				Version:        opts.ToolVersion,
				Rules:          rules,
			}},
			// Position counts code points, not SARIF's default UTF-16 units.
			ColumnKind: "unicodeCodePoints",
			Results:    results,
		}},
	}
}

// sarifResultOf converts f. A note has no rule, so its ruleId is its kind,
// which stays the same from run to run as code scanning requires.
func sarifResultOf(f *Finding, index map[string]int) sarifResult {
	res := sarifResult{
		RuleID:    f.Code,
		Level:     level(f.Severity),
		Message:   sarifMessage{f.Message},
		Locations: []sarifLocation{{PhysicalLocation: sarifPhysical(f.Path, f.Start, f.End)}},
	}
	if f.Cell > 0 {
		res.Properties = &sarifProperties{f.Cell}
	}
	if f.Code == "" {
		res.RuleID = f.Name
	} else if i, ok := index[f.Code]; ok {
		res.RuleIndex = &i
	}
	for j, r := range f.Related {
		res.RelatedLocations = append(res.RelatedLocations, sarifLocation{
			ID:               j + 1,
			PhysicalLocation: sarifPhysical(r.Path, r.Start, r.End),
			Message:          &sarifMessage{r.Message},
		})
	}
	return res
}

func sarifPhysical(file string, start, end Position) sarifPhysicalLocation {
	return sarifPhysicalLocation{
		ArtifactLocation: sarifArtifact(file),
		Region:           sarifRegionOf(start, end),
	}
}

// sarifArtifact names file by a URI reference relative to %SRCROOT%, the
// root that code scanning maps onto the repository. An absolute path lies
// outside any root and becomes a file URI instead.
func sarifArtifact(file string) sarifArtifactLocation {
	p := path.Clean(filepath.ToSlash(file))
	if filepath.IsAbs(file) {
		if !strings.HasPrefix(p, "/") {
			p = "/" + p // a Windows drive: file:///C:/...
		}
		return sarifArtifactLocation{URI: (&url.URL{Scheme: "file", Path: p}).String()}
	}
	// URL.String percent-encodes and guards a colon in the first segment.
	return sarifArtifactLocation{URI: (&url.URL{Path: p}).String(), URIBaseID: "%SRCROOT%"}
}

// sarifRegionOf clamps the range to what the schema allows: lines and
// columns from 1, and an end no earlier than the start.
func sarifRegionOf(start, end Position) sarifRegion {
	r := sarifRegion{
		StartLine:   max(start.Line, 1),
		StartColumn: max(start.Column, 1),
		EndLine:     max(end.Line, start.Line, 1),
		EndColumn:   max(end.Column, 1),
	}
	if r.EndLine == r.StartLine {
		r.EndColumn = max(r.EndColumn, r.StartColumn)
	}
	return r
}
