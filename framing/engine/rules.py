"""Rules both engines apply to a sentence's parse, where news style misleads a parser trained on prose.

- `headline_passives`: headlines drop the auxiliary ("Minister sacked over bribery scandal" is "Minister
  [is] sacked"), so a past participle with a subject, no object and no auxiliary, in a line that does not
  end like a sentence, is an agentless passive.
"""

from __future__ import annotations

from dataclasses import replace

from framing.engine.model import SentenceParse

HEADLINE_TOKENS = 16  # longer lines are sentences that lost their full stop, not headlines
_SENTENCE_END = frozenset(".!?\"'\u201d\u2019:;")
_AUXILIARIES = ("has", "have", "had", "is", "are", "was", "were")


def is_headline(parse: SentenceParse) -> bool:
    """A short line that does not end like a sentence."""
    tokens = parse.tokens
    return 0 < len(tokens) <= HEADLINE_TOKENS and tokens[-1].text[-1:] not in _SENTENCE_END


def headline_passives(parse: SentenceParse) -> SentenceParse:
    """In a headline, "X sacked", "X freed after ..." are agentless passives."""
    if not is_headline(parse):
        return parse
    tokens = parse.tokens
    clauses = []
    for clause in parse.clauses:
        verb = tokens[clause.verb]
        bare = not any(t.lower in _AUXILIARIES for t in tokens[: clause.verb])
        if (
            not clause.passive
            and clause.obj is None
            and clause.subject is not None
            and verb.tag in ("VBN", "VBD")
            and bare
            and clause.subject[1] <= clause.verb
        ):
            clause = replace(clause, passive=True, by_agent=None)
        clauses.append(clause)
    return replace(parse, clauses=tuple(clauses))
