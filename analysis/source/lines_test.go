package source

import "testing"

func TestPositions(t *testing.T) {
	l := NewLines([]byte("x = 'é'\r\ny = 1\rz\n"))
	for _, c := range []struct {
		off  int
		want Position
	}{
		{0, Position{Line: 1, Column: 1}}, {5, Position{Line: 1, Column: 6}}, {7, Position{Line: 1, Column: 7}},
		{10, Position{Line: 2, Column: 1}}, {16, Position{Line: 3, Column: 1}}, {100, Position{Line: 4, Column: 1}},
	} {
		if got := l.Position(c.off); got != c.want {
			t.Errorf("Position(%d) = %v, want %v", c.off, got, c.want)
		}
	}
	if got, want := l.Text(1), "x = 'é'"; got != want {
		t.Errorf("Text(1) = %q, want %q", got, want)
	}
	if got, want := l.End(2), 15; got != want {
		t.Errorf("End(2) = %d, want %d (before the lone CR)", got, want)
	}
}

func TestOffset(t *testing.T) {
	l := NewLines([]byte("x\né🎉z\n"))
	for _, tc := range []struct {
		p    Position
		want int
	}{
		{Position{Line: 2, Column: 1}, 2},
		{Position{Line: 2, Column: 3}, 8},
		{Position{Line: 2, Column: 99}, 9}, // clamped before the line ending
		{Position{Line: 1, Column: 2}, 1},
	} {
		if got := l.Offset(tc.p); got != tc.want {
			t.Errorf("Offset(%+v) = %d, want %d", tc.p, got, tc.want)
		}
	}
}

func TestCursorAgreesWithLines(t *testing.T) {
	l := NewLines([]byte("ab\n\tcé🎉d\r\nxyz"))
	c := l.Cursor()
	for _, off := range []int{0, 1, 2, 3, 5, 7, 11, 4, 12, 14, 100, 0} {
		if got, want := c.Position(off), l.Position(off); got != want {
			t.Errorf("Cursor.Position(%d) = %v, want %v", off, got, want)
		}
	}
}
