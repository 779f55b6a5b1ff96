package report

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
)

// A statistic counts the findings of one code, or of one kind of note.
type statistic struct {
	code, name string
	count      int
	fixable    bool // some finding has a safe fix
}

// jsonStatistic is a statistic in the json format. Code is null for notes.
type jsonStatistic struct {
	Code    *string `json:"code"`
	Name    string  `json:"name"`
	Count   int     `json:"count"`
	Fixable bool    `json:"fixable"`
}

// WriteStatistics writes one line per code: the count, the code, "[*]"
// when a safe fix exists and the name, most frequent first and then by
// code, like `ruff check --statistics`. With opts.Format "json" it writes
// a JSON list of {"code", "name", "count", "fixable"} in the same order.
func WriteStatistics(w io.Writer, findings []Finding, opts Options) error {
	if err := checkFormat(opts.Format); err != nil {
		return err
	}
	stats := statistics(findings)
	if opts.Format == "json" {
		out := make([]jsonStatistic, len(stats))
		for i, s := range stats {
			out[i] = jsonStatistic{nullable(s.code), s.name, s.count, s.fixable}
		}
		return encodeJSON(w, out)
	}
	return writeStatisticsText(w, stats, opts.Color)
}

// statistics groups findings by code and name, which for a rule's
// findings is by code and for notes by kind.
func statistics(findings []Finding) []statistic {
	type key struct{ code, name string }
	index := make(map[key]int)
	var stats []statistic
	for i := range findings {
		f := &findings[i]
		k := key{f.Code, f.Name}
		j, ok := index[k]
		if !ok {
			j = len(stats)
			index[k] = j
			stats = append(stats, statistic{code: f.Code, name: f.Name})
		}
		stats[j].count++
		stats[j].fixable = stats[j].fixable || isSafe(f.Fix)
	}
	slices.SortFunc(stats, func(a, b statistic) int {
		return cmp.Or(
			cmp.Compare(b.count, a.count),
			strings.Compare(a.code, b.code),
			strings.Compare(a.name, b.name))
	})
	return stats
}

// writeStatisticsText aligns the columns as ruff does: counts to the
// right, codes to the left, and "[ ]" for the unfixable codes once any
// code is fixable.
func writeStatisticsText(w io.Writer, stats []statistic, color bool) error {
	p := newPrinter(w, color)
	countWidth, codeWidth, anyFixable := 0, 0, false
	for _, s := range stats {
		countWidth = max(countWidth, len(strconv.Itoa(s.count)))
		codeWidth = max(codeWidth, len(s.code))
		anyFixable = anyFixable || s.fixable
	}
	for _, s := range stats {
		mark := ""
		switch {
		case s.fixable:
			mark = p.paint(styleCyan, "[*]") + " "
		case anyFixable:
			mark = "[ ] "
		}
		fmt.Fprintf(p, "%*d\t%s\t%s%s\n", countWidth, s.count,
			p.paint(styleRed, fmt.Sprintf("%-*s", codeWidth, s.code)), mark, s.name)
	}
	return p.Flush()
}
