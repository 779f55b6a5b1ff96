// Package diff produces unified diffs of text, as --diff shows the changes
// fixes would make.
package diff

import (
	"fmt"
	"strings"
)

// context is the number of unchanged lines shown around each change.
const context = 3

// Unified returns the unified diff that turns a into b, with the file
// names in its header, or "" when they are equal.
func Unified(oldName, newName string, a, b []byte) string {
	if string(a) == string(b) {
		return ""
	}
	x, y := splitLines(string(a)), splitLines(string(b))
	ops := editScript(x, y)
	var out strings.Builder
	fmt.Fprintf(&out, "--- %s\n+++ %s\n", oldName, newName)
	for _, h := range hunks(ops) {
		writeHunk(&out, h, x, y)
	}
	return out.String()
}

// splitLines splits text into lines that keep their line endings.
func splitLines(s string) []string {
	lines := strings.SplitAfter(s, "\n")
	if lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	return lines
}

// op is one step of an edit script: keep x[i] (== y[j]), delete x[i] or
// insert y[j].
type op struct {
	kind byte // ' ', '-', '+'
	i, j int
}

// editScript computes a shortest edit script with Myers' algorithm.
func editScript(x, y []string) []op {
	n, m := len(x), len(y)
	max := n + m
	v := make([]int, 2*max+2)
	var trace [][]int
	for d := 0; d <= max; d++ {
		trace = append(trace, append([]int(nil), v...))
		for k := -d; k <= d; k += 2 {
			var i int
			if k == -d || k != d && v[max+k-1] < v[max+k+1] {
				i = v[max+k+1]
			} else {
				i = v[max+k-1] + 1
			}
			j := i - k
			for i < n && j < m && x[i] == y[j] {
				i, j = i+1, j+1
			}
			v[max+k] = i
			if i >= n && j >= m {
				return backtrack(trace, x, y, d, k)
			}
		}
	}
	return nil
}

// backtrack walks the saved frontiers back from the end to build the script.
func backtrack(trace [][]int, x, y []string, d, k int) []op {
	max := len(x) + len(y)
	i, j := len(x), len(y)
	var ops []op
	for ; d > 0; d-- {
		v := trace[d]
		var prevK int
		if k == -d || k != d && v[max+k-1] < v[max+k+1] {
			prevK = k + 1
		} else {
			prevK = k - 1
		}
		prevI := v[max+prevK]
		prevJ := prevI - prevK
		for i > prevI && j > prevJ {
			i, j = i-1, j-1
			ops = append(ops, op{' ', i, j})
		}
		if i == prevI {
			j--
			ops = append(ops, op{'+', i, j})
		} else {
			i--
			ops = append(ops, op{'-', i, j})
		}
		k = prevK
	}
	for i > 0 && j > 0 {
		i, j = i-1, j-1
		ops = append(ops, op{' ', i, j})
	}
	for l, r := 0, len(ops)-1; l < r; l, r = l+1, r-1 {
		ops[l], ops[r] = ops[r], ops[l]
	}
	return ops
}

// hunks groups an edit script into runs of changes with their context.
func hunks(ops []op) [][]op {
	var out [][]op
	start := -1
	lastChange := -1
	for idx, o := range ops {
		if o.kind == ' ' {
			continue
		}
		if start >= 0 && idx-lastChange > 2*context {
			out = append(out, ops[start:min(lastChange+context+1, len(ops))])
			start = -1
		}
		if start < 0 {
			start = max(idx-context, 0)
		}
		lastChange = idx
	}
	if start >= 0 {
		out = append(out, ops[start:min(lastChange+context+1, len(ops))])
	}
	return out
}

func writeHunk(out *strings.Builder, h []op, x, y []string) {
	oldStart, newStart := h[0].i, h[0].j
	oldLen, newLen := 0, 0
	for _, o := range h {
		if o.kind != '+' {
			oldLen++
		}
		if o.kind != '-' {
			newLen++
		}
	}
	fmt.Fprintf(out, "@@ -%s +%s @@\n", span(oldStart, oldLen), span(newStart, newLen))
	for _, o := range h {
		line := ""
		switch o.kind {
		case '+':
			line = y[o.j]
		default:
			line = x[o.i]
		}
		out.WriteByte(o.kind)
		out.WriteString(line)
		if !strings.HasSuffix(line, "\n") {
			out.WriteString("\n\\ No newline at end of file\n")
		}
	}
}

// span formats a hunk range: 1-based start and length; an empty range
// names the line before it.
func span(start, length int) string {
	if length == 0 {
		return fmt.Sprintf("%d,0", start)
	}
	if length == 1 {
		return fmt.Sprintf("%d", start+1)
	}
	return fmt.Sprintf("%d,%d", start+1, length)
}

// Kept returns, for each of the lines x, the index of the line of y it is
// kept as by the shortest edit script that turns x into y, or -1 for a
// line the script deletes.
func Kept(x, y []string) []int {
	kept := make([]int, len(x))
	for i := range kept {
		kept[i] = -1
	}
	for _, o := range editScript(x, y) {
		if o.kind == ' ' {
			kept[o.i] = o.j
		}
	}
	return kept
}
