"""Scoring pair alignments against gold links, and building gold documents.

Gold (``aligner.pairgold/1``, docs/pair-report.md) names sentences by their
line in the two files, not by aligner's segments, so it survives changes in
segmentation.  A predicted alignment is projected onto lines first: each
link becomes the lines its sentences sit on, and links that share a line
are united (a line the segmenter cut in two is still one gold sentence).

Scores follow vecalign's and bertalign's evaluation: *strict* counts a link
only when both its sides are exactly a gold link's; *lax* also counts a
link that shares a (Korean line, English line) pair with a gold link.
Precision runs over predicted links, recall over gold links, the same test
with the roles swapped; links empty on one side count like the others.

Test documents come from a sentence-aligned corpus (line i of the Korean
file translates line i of the English one): a run of consecutive pairs,
in which some sentences are dropped on one side (1-0, 0-1) and some pairs
of neighbours are written as one sentence on one side (2-1, 1-2), chosen
by a seeded random generator, so the gold is known and the documents are
the same on every machine.
"""
from __future__ import annotations

import json
import random
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import AlignerError, GoldError

if TYPE_CHECKING:
    from ..model import Embedder
    from .align import PairSettings

GOLD_SCHEMA = "aligner.pairgold/1"
Link = tuple[tuple[int, ...], tuple[int, ...]]  # (Korean lines, English lines), 0-based


@dataclass(frozen=True)
class PairDocument:
    name: str
    ko_text: str
    en_text: str
    gold: tuple[Link, ...]


@dataclass(frozen=True)
class EditRates:
    """Chance that a position in a generated document becomes each kind of link."""

    drop_en: float = 0.07  # Korean sentence with no English: 1-0
    drop_ko: float = 0.07  # English sentence with no Korean: 0-1
    merge_en: float = 0.07  # two English sentences written as one: 2-1
    merge_ko: float = 0.07  # two Korean sentences written as one: 1-2
    # A Korean sentence with no English right next to an English sentence
    # with no Korean reads as one loose translation (and, in the noisy
    # corpus, often is one): no gold can tell the two apart, so by default a
    # drop on one side is not placed right after a drop on the other.
    opposite_drops_apart: bool = True


def read_parallel_corpus(folder: Path) -> tuple[list[str], list[str]]:
    """The Korean and English lines of a sentence-aligned corpus folder
    (one ``*.ko`` file and its ``*.en`` twin, line i ↔ line i)."""
    folder = Path(folder)
    ko_files = sorted(folder.glob("*.ko"))
    if not ko_files:
        raise GoldError(f"{folder}: no *.ko file of a sentence-aligned corpus")
    ko_file = ko_files[0]
    en_file = ko_file.with_suffix(".en")
    from ..source import read_bytes

    try:
        ko = read_bytes(str(ko_file)).decode("utf-8").splitlines()
        en = read_bytes(str(en_file)).decode("utf-8").splitlines()
    except UnicodeDecodeError as exc:
        raise GoldError(f"{folder}: cannot read the corpus (not UTF-8, byte {exc.start})") from None
    except AlignerError as exc:
        raise GoldError(f"cannot read the corpus: {exc}") from None
    if len(ko) != len(en):
        raise GoldError(f"{folder}: {ko_file.name} has {len(ko)} lines but {en_file.name} has {len(en)}")
    return ko, en


def join_korean(first: str, second: str) -> str:
    """Two Korean sentences as one: a comma instead of the final period (a
    comma never ends a sentence for the segmenter)."""
    first = first.rstrip()
    if first.endswith("."):
        first = first[:-1] + ","
    return f"{first} {second.lstrip()}"


def join_english(first: str, second: str) -> str:
    """Two English sentences as one, joined by a semicolon."""
    first = first.rstrip()
    match = re.search(r"\.([”\"’']*)$", first)
    if match:
        first = first[: match.start()] + ";" + match.group(1)
    return f"{first} {second.lstrip()}"


def make_documents(ko: list[str], en: list[str], *, count: int, sentences: int, seed: int,
                   rates: EditRates = EditRates()) -> list[PairDocument]:
    """``count`` documents of ``sentences`` consecutive corpus pairs each,
    with known drops and merges (see the module docstring)."""
    if len(ko) != len(en) or len(ko) < sentences:
        raise GoldError(f"the corpus has {len(ko)} pairs; documents of {sentences} need at least as many")
    generator = random.Random(seed)
    documents = []
    for number in range(count):
        first = generator.randrange(0, len(ko) - sentences + 1)
        documents.append(_document(f"doc{seed}-{number + 1:03d}", ko[first:first + sentences],
                                   en[first:first + sentences], generator, rates))
    return documents


def _document(name: str, ko: list[str], en: list[str], generator: random.Random, rates: EditRates) -> PairDocument:
    ko_lines: list[str] = []
    en_lines: list[str] = []
    gold: list[Link] = []

    def add(ko_part: list[str], en_part: list[str]) -> None:
        gold.append((tuple(range(len(ko_lines), len(ko_lines) + len(ko_part))),
                     tuple(range(len(en_lines), len(en_lines) + len(en_part)))))
        ko_lines.extend(ko_part)
        en_lines.extend(en_part)

    def last_was(ko_count: int, en_count: int) -> bool:
        return bool(gold) and (len(gold[-1][0]), len(gold[-1][1])) == (ko_count, en_count)

    p = 0
    while p < len(ko):
        roll = generator.random()
        bounds = (rates.drop_en, rates.drop_en + rates.drop_ko, rates.drop_en + rates.drop_ko + rates.merge_en,
                  rates.drop_en + rates.drop_ko + rates.merge_en + rates.merge_ko)
        kind = next((k for k, bound in zip(("1-0", "0-1", "2-1", "1-2"), bounds) if roll < bound), "1-1")
        if kind in ("2-1", "1-2") and p + 1 == len(ko):
            kind = "1-1"
        if rates.opposite_drops_apart and ((kind == "1-0" and last_was(0, 1)) or (kind == "0-1" and last_was(1, 0))):
            kind = "1-1"
        if kind == "1-0":
            add([ko[p]], [])
        elif kind == "0-1":
            add([], [en[p]])
        elif kind == "2-1":
            add([ko[p], ko[p + 1]], [join_english(en[p], en[p + 1])])
            p += 1
        elif kind == "1-2":
            add([join_korean(ko[p], ko[p + 1])], [en[p], en[p + 1]])
            p += 1
        else:
            add([ko[p]], [en[p]])
        p += 1
    return PairDocument(name, "".join(line + "\n" for line in ko_lines), "".join(line + "\n" for line in en_lines),
                        tuple(gold))


def write_documents(documents: list[PairDocument], folder: Path) -> list[Path]:
    """Each document as NAME.ko.txt, NAME.en.txt and NAME.pairgold.json,
    each written atomically (aligner.outputs); a folder that cannot be made
    or a file that cannot be written is an OutputError."""
    from ..outputs import make_out_dir, write_output

    folder = Path(folder)
    make_out_dir(str(folder))
    written = []
    for document in documents:
        write_output(str(folder / f"{document.name}.ko.txt"), document.ko_text)
        write_output(str(folder / f"{document.name}.en.txt"), document.en_text)
        gold = {"schema": GOLD_SCHEMA, "ko": f"{document.name}.ko.txt", "en": f"{document.name}.en.txt",
                "links": [[[k + 1 for k in ko], [e + 1 for e in en]] for ko, en in document.gold]}
        path = folder / f"{document.name}.pairgold.json"
        write_output(str(path), json.dumps(gold, ensure_ascii=False) + "\n")
        written.append(path)
    return written


def load_gold_document(path: Path) -> PairDocument:
    """A document pair and its gold from an ``aligner.pairgold/1`` file,
    validated against aligner/schemas/pairgold.schema.json; every line must
    be within its document."""
    from .. import gold as gold_files
    from ..source import read_source
    from ..textutil import display_path

    path = Path(path)
    shown = display_path(path)
    gold = gold_files.load(path, "pairgold", "pair gold")
    links = tuple((tuple(k - 1 for k in ko), tuple(e - 1 for e in en)) for ko, en in gold["links"])
    name = path.name[: -len(".pairgold.json")] if path.name.endswith(".pairgold.json") else path.stem
    texts = {}
    for side in ("ko", "en"):
        try:
            texts[side] = read_source(str(path.parent / gold[side])).text
        except AlignerError as exc:
            raise GoldError(f"{shown}: {side} document: {exc}") from None
    for side, column in (("ko", 0), ("en", 1)):
        count = len(texts[side].splitlines())
        for n, link in enumerate(gold["links"]):
            for m, line in enumerate(link[column]):
                if line > count:
                    raise gold_files.out_of_range(shown, f"links[{n}][{column}][{m}]", line, count,
                                                  f"lines in {side} document")
    return PairDocument(name, texts["ko"], texts["en"], links)


def find_gold_documents(paths: list[Path]) -> list[Path]:
    found: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            found.extend(sorted(path.glob("*.pairgold.json")))
        else:
            found.append(path)
    if not found:
        raise GoldError("no *.pairgold.json under the given paths")
    return found


def line_of(text: str, offsets: list[int]) -> list[int]:
    """0-based line number of each offset (offsets ascending)."""
    lines = []
    line = 0
    position = 0
    for offset in offsets:
        line += text.count("\n", position, offset)
        position = offset
        lines.append(line)
    return lines


def project_to_lines(links: Iterable[Link], ko_lines: list[int], en_lines: list[int]) -> tuple[Link, ...]:
    """Links over sentences → links over lines, united where they share a line.

    ``ko_lines[k]`` is the line of Korean sentence k (likewise English).
    """
    projected = [(sorted({ko_lines[k] for k in ko}), sorted({en_lines[e] for e in en})) for ko, en in links]
    merged: list[tuple[set[int], set[int]]] = []
    for ko, en in projected:
        # monotone links can only share a line with the links just before them
        if merged and ((ko and merged[-1][0] and ko[0] <= max(merged[-1][0]))
                       or (en and merged[-1][1] and en[0] <= max(merged[-1][1]))):
            merged[-1][0].update(ko)
            merged[-1][1].update(en)
        else:
            merged.append((set(ko), set(en)))
    return tuple((tuple(sorted(ko)), tuple(sorted(en))) for ko, en in merged)


@dataclass
class LinkCounts:
    """True and false positives, strict and lax, for precision and recall."""

    predicted: int = 0
    gold: int = 0
    strict_right_predicted: int = 0
    lax_right_predicted: int = 0
    strict_found_gold: int = 0
    lax_found_gold: int = 0
    misses: list[tuple[str, str, Link]] = field(default_factory=list)

    def add(self, other: "LinkCounts") -> None:
        for name in ("predicted", "gold", "strict_right_predicted", "lax_right_predicted", "strict_found_gold",
                     "lax_found_gold"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.misses.extend(other.misses)

    def scores(self) -> dict[str, dict[str, float]]:
        def f1(p: float, r: float) -> float:
            return 2 * p * r / (p + r) if p + r else 0.0

        sp = self.strict_right_predicted / self.predicted if self.predicted else 0.0
        sr = self.strict_found_gold / self.gold if self.gold else 0.0
        lp = self.lax_right_predicted / self.predicted if self.predicted else 0.0
        lr = self.lax_found_gold / self.gold if self.gold else 0.0
        return {"strict": {"precision": sp, "recall": sr, "f1": f1(sp, sr)},
                "lax": {"precision": lp, "recall": lr, "f1": f1(lp, lr)},
                "links": {"predicted": self.predicted, "gold": self.gold}}


def _lax_matches(links: tuple[Link, ...], reference: tuple[Link, ...]) -> list[bool]:
    """For each link: exactly a reference link, or sharing a (ko, en) pair with one."""
    exact = set(reference)
    partners: dict[int, set[int]] = defaultdict(set)
    for ko, en in reference:
        for k in ko:
            partners[k].update(en)
    out = []
    for link in links:
        ko, en = link
        out.append(link in exact or any(e in partners[k] for k in ko for e in en))
    return out


def score_links(gold: tuple[Link, ...], predicted: tuple[Link, ...], name: str = "") -> LinkCounts:
    """Strict and lax counts of one document; ``misses`` lists (name, "extra"
    or "missed", link) for every link not matched exactly."""
    counts = LinkCounts(predicted=len(predicted), gold=len(gold))
    gold_set, predicted_set = set(gold), set(predicted)
    counts.strict_right_predicted = sum(link in gold_set for link in predicted)
    counts.strict_found_gold = sum(link in predicted_set for link in gold)
    counts.lax_right_predicted = sum(_lax_matches(predicted, gold))
    counts.lax_found_gold = sum(_lax_matches(gold, predicted))
    counts.misses = [(name, "extra", link) for link in predicted if link not in gold_set] + \
                    [(name, "missed", link) for link in gold if link not in predicted_set]
    return counts


def usable_pair(korean: str, english: str) -> bool:
    """Whether a corpus pair is a sentence and its translation, by rules that
    know nothing of any model: the corpus README warns of pairs that are not.
    Left out: Korean lines that are scraped English headlines or dictionary
    entries (two Latin words first: ``despondent 실망한, 낙담한``), with under
    8 Hangul syllables (``일어사전``) or under 30% Hangul letters, and English lines that
    start in mid-sentence (a lowercase letter or punctuation: the corpus cut
    the sentence there and gave the rest to its neighbour)."""
    from ..language import hangul_share, is_hangul_syllable

    words = korean.split()
    if len(words) >= 2 and not any(is_hangul_syllable(ch) for ch in words[0] + words[1]):
        return False
    if sum(is_hangul_syllable(ch) for ch in korean) < 8 or (hangul_share(korean) or 0) < 0.3:
        return False
    return not (english[:1].islower() or english[:1] in ",.;:")


def usable_pairs(ko: list[str], en: list[str]) -> tuple[list[str], list[str]]:
    keep = [n for n, (k, e) in enumerate(zip(ko, en)) if usable_pair(k, e)]
    return [ko[n] for n in keep], [en[n] for n in keep]


AUDIT_VERDICTS = ("not", "shifted")


def read_audit(path: Path) -> frozenset[int]:
    """The 1-based corpus lines a reviewer marked as not parallel: a TSV of
    ``line, verdict, reason`` (``#`` comments and a header line allowed;
    docs/parallel-corpus-audit.tsv is the one for the shared corpus)."""
    from ..source import read_bytes

    path = Path(path)
    try:
        text = read_bytes(str(path)).decode("utf-8")
    except UnicodeDecodeError as exc:
        raise GoldError(f"{path}: cannot read the audit (not UTF-8, byte {exc.start})") from None
    except AlignerError as exc:
        raise GoldError(f"cannot read the audit: {exc}") from None
    lines = set()
    for number, row in enumerate(text.splitlines(), 1):
        fields = row.split("\t")
        if not row.strip() or row.startswith("#") or fields[0] == "line":
            continue
        line = fields[0].strip()
        if len(fields) < 2 or not (line.isascii() and line.isdigit()) or fields[1].strip() not in AUDIT_VERDICTS:
            raise GoldError(f"{path}:{number}: expected 'line<TAB>verdict<TAB>reason' with a verdict of "
                            f"{' or '.join(AUDIT_VERDICTS)}")
        if len(line) > 9 or int(line) < 1:
            raise GoldError(f"{path}:{number}: line {line[:12]} is not a corpus line (they start at 1)")
        lines.add(int(line))
    return frozenset(lines)


def without_audited(ko: list[str], en: list[str], audited: frozenset[int]) -> tuple[list[str], list[str]]:
    """The corpus without the pairs on the audited lines (1-based)."""
    if audited and max(audited) > len(ko):
        raise GoldError(f"the audit names line {max(audited)} but the corpus has {len(ko)} pairs")
    keep = [n for n in range(len(ko)) if n + 1 not in audited]
    return [ko[n] for n in keep], [en[n] for n in keep]


@dataclass
class PairEvaluation:
    documents: int
    gold_types: dict[str, int]  # link type -> count in the gold
    methods: dict[str, LinkCounts]


def evaluate_documents(documents: list[PairDocument], *, methods: Sequence[str] = ("embeddings", "gale-church"),
                       settings: PairSettings | None = None, embedder: Embedder | None = None) -> PairEvaluation:
    """Align every document with each method and score the links against its gold."""
    from dataclasses import replace

    from .align import PairSettings, align_pair

    settings = settings or PairSettings()
    results = {method: LinkCounts() for method in methods}
    gold_types: dict[str, int] = {}
    for document in documents:
        for ko, en in document.gold:
            key = f"{len(ko)}-{len(en)}"
            gold_types[key] = gold_types.get(key, 0) + 1
        for method in methods:
            report = align_pair(document.ko_text, document.en_text, embedder=embedder,
                                settings=replace(settings, method=method, flags=False))
            index = {s.id: n for n, s in enumerate(report.ko)} | {s.id: n for n, s in enumerate(report.en)}
            links = [(tuple(index[k] for k in link.ko), tuple(index[e] for e in link.en)) for link in report.links]
            predicted = project_to_lines(links, line_of(document.ko_text, [s.start for s in report.ko]),
                                         line_of(document.en_text, [s.start for s in report.en]))
            counts = score_links(document.gold, predicted, document.name)
            results[method].add(counts)
    return PairEvaluation(len(documents), dict(sorted(gold_types.items())), results)


def render_pair_scores(evaluation: PairEvaluation, *, fmt: str = "text", verbose: bool = False) -> str:
    if fmt == "json":
        return json.dumps({"documents": evaluation.documents, "gold_links": evaluation.gold_types,
                           "methods": {m: c.scores() for m, c in evaluation.methods.items()}}, indent=2) + "\n"
    gold = ", ".join(f"{k} {v}" for k, v in evaluation.gold_types.items())
    lines = [f"pair alignment: {evaluation.documents} documents; gold links: {gold}",
             f"{'method':14} {'strict P':>8} {'R':>6} {'F1':>6}   {'lax P':>6} {'R':>6} {'F1':>6}   {'links':>6}"]
    for method, counts in evaluation.methods.items():
        s = counts.scores()
        st, lx = s["strict"], s["lax"]
        lines.append(f"{method:14} {st['precision']:8.3f} {st['recall']:6.3f} {st['f1']:6.3f}   "
                     f"{lx['precision']:6.3f} {lx['recall']:6.3f} {lx['f1']:6.3f}   {counts.predicted:6d}")
        if verbose:
            lines.extend(f"    {name}: {kind} ko lines {[k + 1 for k in link[0]]} en lines {[e + 1 for e in link[1]]}"
                         for name, kind, link in counts.misses)
    from ..textutil import visible

    return visible("\n".join(lines) + "\n")
