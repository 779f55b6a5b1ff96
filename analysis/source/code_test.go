package source

import "testing"

// TestCode checks what Code leaves of a text: a space for each comment and
// for the contents of each string literal, its prefix left; f-strings and
// t-strings whole, and the rest from a literal left open.
func TestCode(t *testing.T) {
	for _, tc := range []struct{ src, want string }{
		{"x = 1  # a comment\ny = 2\n", "x = 1   \ny = 2\n"},
		{"s = 'a # b' + \"c\"\n", "s =   +  \n"},
		{"d = '''one\ntwo'''\n", "d =  \n"},
		{`e = 'it\'s' + r"\"" + x` + "\n", "e =   + r  + x\n"},
		{"f = f'{g(\"h\")}' + b'i'\n", "f = f'{g(\"h\")}' + b \n"},
		{"t = Rb'j' + t'{k}'\n", "t = Rb  + t'{k}'\n"},
		{"u = 'open\nv = 1\n", "u = 'open\nv = 1\n"},
		{"w = 1 # end", "w = 1  "},
	} {
		if got := string(Code([]byte(tc.src))); got != tc.want {
			t.Errorf("Code(%q) = %q, want %q", tc.src, got, tc.want)
		}
	}
}
