"""Hand-made plan rows for tests: one paragraph made of the given sentences."""

from __future__ import annotations

from recgraph.model import Paragraph, PlanRow, Sentence


def plan_row(*sentences: str, name: str = "數位創新研發計畫", serial: int = 1) -> PlanRow:
    """A plan row of the seed's first agency whose opinion is ``sentences`` as one paragraph (一)."""
    sents, pos = [], 0
    for i, s in enumerate(sentences, start=1):
        sents.append(Sentence(i, s, pos, pos + len(s)))
        pos += len(s)
    text = "".join(sentences)
    para = Paragraph(1, "一", text, 0, len(text), tuple(sents))
    return PlanRow(serial, 3, name, "數位產業署", "部會管制", "公共建設", text, (para,), False, name, "數位產業署",
                   "部會管制", "公共建設", text)
