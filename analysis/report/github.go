package report

import (
	"bufio"
	"fmt"
	"io"
	"path/filepath"
	"strings"
)

// Escapers for GitHub Actions workflow commands: the message ends at the
// line's end, and a property value also at ':' or ','.
var (
	githubMessage  = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	githubProperty = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
)

// writeGitHub writes one ::error or ::warning command per finding, which
// GitHub Actions shows as an annotation on the pull request.
func writeGitHub(w io.Writer, findings []Finding) error {
	bw := bufio.NewWriter(w)
	for i := range findings {
		f := &findings[i]
		title := f.Name
		if f.Code != "" {
			title = f.Code + " (" + f.Name + ")"
		}
		message := f.Message
		if f.Cell > 0 {
			// GitHub knows no cells: the lines are those of the cell.
			message = fmt.Sprintf("cell %d: %s", f.Cell, message)
		}
		fmt.Fprintf(bw, "::%s file=%s,line=%d,col=%d,endLine=%d,endColumn=%d,title=%s::%s\n",
			level(f.Severity), githubProperty.Replace(filepath.ToSlash(f.Path)),
			f.Start.Line, f.Start.Column, f.End.Line, f.End.Column,
			githubProperty.Replace(title), githubMessage.Replace(message))
	}
	return bw.Flush()
}
