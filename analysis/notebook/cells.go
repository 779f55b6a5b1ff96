package notebook

// FromCells returns the notebook whose code cells are cells, as an editor
// holds them: their Python text and the mapping of its lines to the
// cells, as Parse gives them for a file. Each cell's Number counts every
// cell of the notebook from 1. Such a notebook has no file: Bytes is nil
// and Update fails.
func FromCells(cells []Cell) *Notebook {
	nb := &Notebook{}
	for _, c := range cells {
		code := &cell{number: c.Number, source: c.Source}
		code.split()
		nb.cells = append(nb.cells, code)
	}
	nb.join()
	return nb
}

// Blanked reports whether a 1-based line of the text is IPython syntax
// blanked: its cell has something else there, which no fix may change.
func (nb *Notebook) Blanked(line int) bool {
	number, cellLine := nb.Locate(line)
	for _, c := range nb.cells {
		if c.number == number {
			_, blanked := c.original[cellLine-1]
			return blanked
		}
	}
	return false
}
