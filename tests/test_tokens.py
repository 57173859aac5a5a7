"""The full-text index's tokens of an archived text's lines, made a text at a time, are each
line's tokens made alone."""

from tests.conftest import ROOT
from xjtrack.store.build import cjk_tokens, lines_tokens, text_lines


def test_a_text_s_tokens_are_its_lines_tokens():
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "sources").glob("*.txt"))]
    texts.append("a\u2e7f\u2e80b\ud800 c\u3000d\u00a0e\n\n  x\r\n中\na中b\r\n\u2028两行\x1c分\n")
    for text in texts:
        lines = text_lines(text)
        tokens = lines_tokens(text)
        assert [cjk_tokens(line) for line in lines] == tokens[:len(lines)]
    assert lines_tokens("a中b\u2e7f\u2e80") == ["a 中 b\u2e7f \u2e80"]
