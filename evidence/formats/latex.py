"""LaTeX in BibTeX values <-> plain Unicode (pure): decoding for reading, escaping for writing.

bibtexparser's ``latex_to_unicode`` turns ``\\{x\\}`` into ``\\x\\`` and ``\\textit{A}`` into
``\\textitA``, so decoding is done here: accents and symbols become Unicode, case-protecting
braces go, ``--``/``---``/``~`` become en dash, em dash and space in text, and math or commands
it does not know stay as written (and are noted).
"""

from __future__ import annotations

import re
import unicodedata

from bibtexparser import latexenc

_SPECIAL = re.compile(r"[\\{$~`'-]")  # where LaTeX decoding has work to do
_BRACE = re.compile(r"\\.|[{}]", re.S)
_ACCENTS = {
    "'": "\u0301", "`": "\u0300", "^": "\u0302", '"': "\u0308", "~": "\u0303", "=": "\u0304",
    ".": "\u0307", "u": "\u0306", "v": "\u030c", "H": "\u030b", "c": "\u0327", "k": "\u0328",
    "r": "\u030a", "d": "\u0323", "b": "\u0331", "t": "\u0361",
}  # fmt: skip
_SPACING = {
    "'": "\u00b4",
    "`": "`",
    "^": "^",
    '"': "\u00a8",
    "~": "~",
    "=": "\u00af",
    ".": "\u02d9",
}
_SYMBOLS = {  # bibtexparser's table of "\\name " commands (the first of a name wins), and ours
    match[1]: char
    for char, latex in reversed(latexenc.unicode_to_latex)
    if (match := re.fullmatch(r"\\([A-Za-z]{2,}) ?", latex))
} | {
    "ss": "ß", "o": "ø", "O": "Ø", "ae": "æ", "AE": "Æ", "oe": "œ", "OE": "Œ", "aa": "å",
    "AA": "Å", "l": "ł", "L": "Ł", "i": "\u0131", "j": "ȷ", "dh": "ð", "DH": "Ð", "th": "þ",
    "TH": "Þ", "dj": "đ", "DJ": "Đ", "ng": "ŋ", "NG": "Ŋ", "textquoteleft": "\u2018",
    "textquoteright": "\u2019", "textasciicircum": "^", "textbraceleft": "{", "textbraceright": "}",
    "textunderscore": "_", "textless": "<", "textgreater": ">", "textbar": "|", "S": "§",
    "P": "¶", "dots": "…", "textellipsis": "…", "pounds": "£", "euro": "€", "texteuro": "€",
    "dag": "†", "ddag": "‡", "textperiodcentered": "·", "textmu": "µ", "times": "\u00d7",
    "le": "≤", "ge": "≥", "varepsilon": "ε", "to": "→", "textminus": "\u2212", "copyright": "©",
    "textpm": "±", "textdiv": "÷", "textquotedbl": '"', "textquotedblbase": "\u201e",
}  # fmt: skip
_FORMAT = frozenset(
    "textit textbf emph textsc textrm textsf texttt textup textmd textnormal textsl mbox text "
    "uline underline NoCaseChange nocase enquote mkbibquote mkbibemph".split()
)
_SWITCHES = frozenset("em it bf sc rm sf tt sl bfseries itshape scshape upshape relax".split())
_ESCAPES = {
    "\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_",
    "~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
}  # fmt: skip


def group_end(text: str, start: int) -> int:
    """Index of the ``}`` closing the ``{`` at ``start`` (escaped braces skipped), or -1."""
    depth = 0
    for match in _BRACE.finditer(text, start):
        depth += {"{": 1, "}": -1}.get(match[0], 0)
        if depth == 0:
            return match.start()
    return -1


def split_top(text: str, pattern: re.Pattern[str]) -> list[str]:
    """Split at matches of ``pattern`` that lie outside braces."""
    parts, depth, last, i = [], 0, 0, 0
    while i < len(text):
        char = text[i]
        if char == "\\":
            i += 2
            continue
        depth += {"{": 1, "}": -1}.get(char, 0)
        match = pattern.match(text, i) if depth == 0 else None
        if match and match.end() > i:
            parts.append(text[last:i])
            last = i = match.end()
            continue
        i += 1
    return [*parts, text[last:]]


class Latex:
    """LaTeX text -> plain Unicode; what it cannot convert is kept as written and noted."""

    def __init__(self, notes: list[str], *, ligatures: bool = True, paragraphs: bool = False):
        self.notes, self.ligatures, self.paragraphs = notes, ligatures, paragraphs

    def __call__(self, text: str) -> str:
        def space(match: re.Match[str]) -> str:
            """A blank line is a paragraph (kept as "\\n" where asked), other space one space."""
            return "\n" if self.paragraphs and match[0].count("\n") > 1 else " "

        return re.sub(r"[ \t\n]+", space, self._run(text)).strip()

    def _note(self, what: str) -> None:
        note = f"LaTeX {what} kept as written"
        if note not in self.notes:
            self.notes.append(note)

    def _run(self, text: str) -> str:
        out: list[str] = []
        i = 0
        while (special := _SPECIAL.search(text, i)) is not None:
            out.append(text[i : special.start()])
            i = special.start()
            char, rest = text[i], text[i : i + 3]
            if char == "\\":
                piece, i = self._command(text, i)
            elif char == "{":
                end = group_end(text, i) % (len(text) + 1)
                piece, i = self._run(text[i + 1 : end]), end + 1
            elif char == "$" and (end := text.find("$", i + 1)) > i:
                piece, i = self._math(text[i + 1 : end]), end + 1
            elif char == "~":
                piece, i = " ", i + 1
            elif self.ligatures and rest.startswith(("---", "--", "``", "''")):
                length = 3 if rest == "---" else 2
                piece = {"---": "\u2014", "--": "\u2013", "``": "\u201c", "''": "\u201d"}[
                    rest[:length]
                ]
                i += length
            else:
                piece, i = char, i + 1
            out.append(piece)
        return "".join(out) + text[i:]

    def _command(self, text: str, start: int) -> tuple[str, int]:
        """Decode the command at ``text[start] == "\\"``; return its text and where it ends."""
        name = re.match(r"[A-Za-z]+|.?", text[start + 1 :], re.S)[0]  # type: ignore[index]
        end = start + 1 + len(name)
        if not name.isalpha():
            if name in _SPACING:
                return self._accent(name, text, end)
            simple = {"\\": " ", " ": " ", "\n": " ", ",": "\u2009", "-": "", "/": "", "@": ""}
            if name and name in "&%$#_{}":
                return name, end
            if name in simple:
                return simple[name], end
            self._note(f"command \\{name}")
            return "\\" + name, end
        after = len(text) - len(text[end:].lstrip(" \t\n"))
        if name in _ACCENTS and len(name) == 1:
            return self._accent(name, text, after)
        if name in _SYMBOLS:
            return _SYMBOLS[name], after + 2 if text.startswith("{}", after) else after
        if name in _SWITCHES:
            return "", after
        has_group = text.startswith("{", after)
        closing = group_end(text, after) if has_group else -1
        if name == "url" and closing > 0:
            return text[after + 1 : closing], closing + 1
        if name in _FORMAT and closing > 0:
            return self._run(text[after + 1 : closing]), closing + 1
        self._note(f"command \\{name}")
        return (text[start : closing + 1], closing + 1) if closing > 0 else ("\\" + name, end)

    def _accent(self, mark: str, text: str, start: int) -> tuple[str, int]:
        if text.startswith("{", start) and (end := group_end(text, start)) > 0:
            base, after = self._run(text[start + 1 : end]), end + 1
        elif text.startswith("\\", start):
            base, after = self._command(text, start)
        elif start < len(text) and not text[start].isspace():
            base, after = text[start], start + 1
        else:
            base, after = "", start
        if not base:
            return _SPACING.get(mark, _ACCENTS[mark]), after
        first = {"\u0131": "i", "\u0237": "j"}.get(base[0], base[0])
        return unicodedata.normalize("NFC", first + _ACCENTS[mark]) + base[1:], after

    def _math(self, math: str) -> str:
        """``$\\alpha$`` -> Greek alpha; math with sub/superscripts or unknown commands is kept."""
        out: list[str] = []
        for piece in re.findall(r"\\[A-Za-z]+|\\.|.", math, re.S):
            if piece.startswith("\\") and piece[1:] in _SYMBOLS:
                out.append(_SYMBOLS[piece[1:]])
            elif piece in ("\\%", "\\&", "\\$", "\\#", "\\_"):
                out.append(piece[1])
            elif piece.startswith("\\") or piece in "^_{}":
                self._note(f"math ${math}$")
                return f"${math}$"
            else:
                out.append(piece)
        return "".join(out)


def balanced(text: str) -> bool:
    """Whether every brace pairs up, counting escaped ones too (as bibtexparser does)."""
    depth = 0
    for char in text:
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth < 0:
            return False
    return depth == 0


def escape(text: str, *, ligatures: bool = True, paragraphs: bool = False) -> str:
    """Plain Unicode -> BibTeX value text that :class:`Latex` reads back unchanged."""
    out = "".join(_ESCAPES.get(char) or {"{": "\\{", "}": "\\}"}.get(char, char) for char in text)
    if not balanced(out):
        braces = {"{": r"\textbraceleft{}", "}": r"\textbraceright{}"}
        out = "".join(_ESCAPES.get(char) or braces.get(char, char) for char in text)
    if ligatures:
        out = re.sub(r"(-(?=-)|`(?=`)|'(?='))", r"\1{}", out)
    out = out.replace("\n", "\n\n" if paragraphs else " ")
    return re.sub(r"\n(\s*)@", r"\n\1{@}", out)
