"""How narration attributes words to a speaker: the phrases it puts in
quotation marks, the lines that only give the setting, and the framing words
(who said it, when, the reporting verb) around the reported content.

The semantic detectors read renderings through these functions, so that a
reporter's framing (*폼페오 장관은 9일 … 밝혔습니다*, *Spokesman Price said on
the 12th that …*) is never mistaken for content the quote lacks.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .language import has_hangul
from .glossary import Glossary
from .report import Quote, Rendering, Span
from .wordlists import word_set, words

# ---------------------------------------------------------------- the quote


CLIP = re.compile(r"(?:\.\.+|…)\s*[”\"’']?\s*$")


def is_clipped(quote_text: str) -> bool:
    """The transcript shows only the start of the soundbite (``...``, ``..``, ``…``)."""
    return bool(CLIP.search(quote_text))


_SENTENCE_FINAL = ".!?。…”\"’'다"


def cut_off_at_the_end(text: str, quote: Quote, text_end: int) -> bool:
    """Whether the transcript (whose last non-space character ends at
    ``text_end``) stops inside the quote or inside one of its renderings:
    the cut, not the reporter, dropped what is missing there."""
    ends = [quote.quote.end if quote.quote else quote.marker.end] + [r.end for r in quote.renderings]
    last = max(ends)
    if last < text_end - 1:
        return False
    while last > 0 and text[last - 1].isspace():  # not text[:last].rstrip(): a copy per quote
        last -= 1
    return not (last > 0 and text[last - 1] in _SENTENCE_FINAL)


def is_cue(quote: Quote) -> bool:
    """A script cue, not a transcript: an ALL-CAPS first line (``WE STILL
    HOPE…``) or an ``[ACT n …]`` actuality marker that shows only a first line.
    Narration beyond a cue is the rest of the soundbite, not an addition."""
    label = (quote.marker.label or "").upper()
    if label.startswith("ACT"):
        return True
    text = quote.quote.text if quote.quote else ""
    letters = [c for c in text if c.isalpha() and c.isascii()]
    return len(letters) >= 4 and not any(c.islower() for c in letters)


# ---------------------------------------------------------------- quoted phrases


@dataclass(frozen=True)
class QuotedPhrase(Span):
    """The words inside the marks, as offsets into the report text."""

    attributed: bool  # the sentence reports these words as someone's (quotative ending, "said")


# Opening and closing marks that pair (MT often writes ’…’ for ‘…’, and `…').
_PAIRS = {"“": "”\"", "‘": "’'", "’": "’'", '"': '"', "'": "'’", "`": "'’", "「": "」", "『": "』"}
_APOSTROPHE_SUFFIX = re.compile(r"(?:s|t|re|ll|ve|d|m)(?![^\W\d_])", re.IGNORECASE)
# Korean quotative endings right after the closing mark: ‘…’라고 비난했다, “…”며, “…”고 말했다.
# (…’이라는 표준 모델 names a thing: an appositive, not the speaker's words.)
# The speaker's own label for something (…를 ‘완전한 실패’로 규정했다) is
# their word too, in a finite or connective verb; a name a thing goes by
# (‘자유의 방패’로 명명된, 불리는) or someone's label the sentence is about
# (“도박”으로 표현한 데 대해) is not.
_KOREAN_QUOTATIVE = re.compile(r"^(?:이?라고|고|이?라며|며|이?라면서|면서|라고도|고도|하고|다고|다며"
                               r"|으?로\s*(?:규정|묘사|표현|지칭|평가|비유|칭)(?:했|하며|하고|하면서|한다|해)"
                               r"|으?로\s*일컬(?:었|으며|으면서))")
# A question someone asked (‘…’을 묻는 질문, ‘…’는 질문에) is not the speaker's.
_KOREAN_QUESTION = re.compile(r"^(?:는|을|를|이라는|라는)\s*(?:질문|물음|질의)|^(?:을|를)\s*묻")
# Scare quotes and titles in English narration: so-called ‘regime change’.
_SO_CALLED = re.compile(r"(?:so-called|so called|dubbed|titled|entitled|named)\s*$", re.IGNORECASE)


def quoted_phrases(text: str, span: Span | Rendering) -> list[QuotedPhrase]:
    """Phrases inside quotation marks in ``text[span.start:span.end]``."""
    body = text[span.start:span.end]
    found: list[QuotedPhrase] = []
    i = 0
    while i < len(body):
        mark = body[i]
        if mark not in _PAIRS or not _opens(body, i):
            i += 1
            continue
        close = _closing(body, i)
        if close is None:
            i += 1
            continue
        inner_start, inner_end = i + 1, close
        while inner_start < inner_end and body[inner_start].isspace():
            inner_start += 1
        while inner_end > inner_start and body[inner_end - 1].isspace():
            inner_end -= 1
        words = body[inner_start:inner_end]
        if words and any(c.isalpha() for c in words):
            after = body[close + 1:close + 12]
            before = body[max(0, i - 40):i]
            found.append(QuotedPhrase(span.start + inner_start, span.start + inner_end, words,
                                      _attributed(words, before, after)))
        i = close + 1
    return found


def _opens(body: str, i: int) -> bool:
    mark = body[i]
    previous = body[i - 1] if i else " "
    following = body[i + 1] if i + 1 < len(body) else " "
    if following.isspace() or not following.strip():
        return False
    if mark in "’'":
        # an apostrophe: DPRK’s, don’t, we’re (a letter before, a clitic after)
        if previous.isalpha() and _APOSTROPHE_SUFFIX.match(body, i + 1):
            return False
        if previous.isalnum() and mark == "'" and following.isalpha() and previous.isascii() and \
                not body[i + 1:].split(" ")[0].endswith(("'", "’")):
            return False
    return True


def _closing(body: str, i: int) -> int | None:
    closers = _PAIRS[body[i]]
    j = i + 2
    limit = min(len(body), i + 400)
    while j < limit:
        ch = body[j]
        if ch in closers:
            nxt = body[j + 1] if j + 1 < len(body) else " "
            # a closing mark is not an apostrophe inside a word (People’s)
            if not (ch in "’'" and nxt.isalpha() and body[j - 1].isalpha() and nxt.isascii()):
                return j
        if ch == "\n":
            return None
        j += 1
    return None


def _attributed(words: str, before: str, after: str) -> bool:
    if _SO_CALLED.search(before):
        return False
    after = after.lstrip()
    if _KOREAN_QUESTION.match(after):
        return False
    if has_hangul(words + after[:2]):
        return bool(_KOREAN_QUOTATIVE.match(after))
    # A proper name in marks (the broadcaster 'NBC', the programme 'Today')
    # names a thing; it is the speaker's word only after a verb that says so
    # (called him 'Rocket Man').
    if _is_proper_name(words) and not _CALLED.search(before):
        # one capitalised word after a verb or 'as' is the speaker's word
        # (said 'Unacceptable'); after a noun it names a thing
        single = len(words.split()) == 1 and not words.isupper()
        return single and bool(_VERB_BEFORE.search(before))
    return True


_VERB_BEFORE = re.compile(r"\b(?:says?|said|saying|as|is|was|were|are|be|been|being|it|:)\s*[,:]?\s*$", re.IGNORECASE)


_CALLED = re.compile(r"\b(?:call(?:s|ed|ing)?|dubb(?:ed|ing)|label(?:l?ed|l?ing|s)?|brand(?:ed|ing|s)?|nam(?:ed|ing))"
                     r"(?:\s+[\w’']+){0,2}\s*$|\b(?:describ|referr|refer|depict|characteri[sz])\w*\b.*\bas\s*$",
                     re.IGNORECASE)


def _is_proper_name(words: str) -> bool:
    """Every word capitalised or an acronym, and short: a name, not a phrase."""
    tokens = re.findall(r"[^\W\d_][\w.\-’']*", words)
    small = {"of", "the", "and", "for", "on", "in", "to", "a"}
    return 0 < len(tokens) <= 4 and tokens[0][0].isupper() and \
        all(t[0].isupper() or t.lower() in small for t in tokens)


# ---------------------------------------------------------------- framing


# A clause that only names the topic or the occasion the speaker answered
# (…관측에 대해, …질문에, …과 관련해, …발사에 맞서) frames what follows.
_KOREAN_TOPIC = re.compile(r"(?:에\s*대해|에\s*대해서|에\s*대해선|관련해|관련해서|질문에|질문에는|물음에|에\s*맞서|에\s*대응해|"
                           r"[을를]\s*앞두고)[,]?$")


def is_topic_clause(clause: str) -> bool:
    return bool(_KOREAN_TOPIC.search(clause.strip()))


# Lines that only give the setting of a quote (…에서 이같이 말했습니다; said this).
# Machine translation writes 이같이 말했습니다 as "made the remarks".
_SETTING = re.compile(r"이같이|이 같이|이렇게\s*(?:말|밝|강조|설명|전)|as follows|said this|said so\b"
                      r"|made (?:the|these|those|this|such|his|her) (?:remarks?|comments?)", re.IGNORECASE)


def is_setting_line(sentence: str) -> bool:
    return bool(_SETTING.search(sentence))


# Korean words that frame rather than report: reporting verbs, sentence
# adverbs, time words.
_KOREAN_REPORTING = re.compile("^(?:" + "|".join(map(re.escape, words("korean_reporting_verbs.txt"))) + ")")
_KOREAN_FRAME_WORDS = word_set("korean_frame_words.txt")


def is_korean_reporting_verb(word: str) -> bool:
    """Whether a Korean eojeol is a reporting verb (밝혔습니다, 말했다, 강조하며 …)."""
    return bool(_KOREAN_REPORTING.match(word))


_KOREAN_DATE = re.compile(r"^\d+일(?:[은는에]|부터)?$|^(?:지난|오는)$")
_ENGLISH_FRAME = re.compile(
    r"\b(?:" + "|".join(map(re.escape, words("english_reporting_verbs.txt")))
    + r"|also|on the \d+\w*|at a [^,]*? briefing|in an interview[^,]*)\b",
    re.IGNORECASE,
)


# "NAME TITLE은" opening a Korean clause, "Title Name said" in English: the
# person a sentence gives its words to.
_KOREAN_SUBJECT = re.compile(r"(?P<name>[가-힣]{2,})(?: [가-힣]{2,}){0,3} (?P<title>[가-힣]{2,})(?:은|는|이|가)(?=\s)")
_ENGLISH_SUBJECT = re.compile(r"\b(?P<name>[A-Z][a-z]+)(?=,? (?:said|says|told|added|called|accused|denounced|argued))")


def speaks_for_someone_else(sentence: str, quote: Quote, glossary: Glossary) -> bool:
    """Whether the sentence gives its words to a titled person who is not the
    quote's speaker (*앞서 김 부상은 … ‘미국의 확성기’라고 비난했다*), and never
    names the speaker: its quoted words are that person's, not the speaker's."""
    names = {w for w in speaker_words(quote) if len(w) >= 2}
    if any(name in sentence for name in names):
        return False
    for match in _KOREAN_SUBJECT.finditer(sentence):
        if glossary.title_suffix(match.group("title")) and not glossary.is_org(match.group("name")) \
                and not glossary.is_place(match.group("name")) and not glossary.title_suffix(match.group("name")):
            return True
    return any(match.group("name") not in names and match.group("name") not in ("He", "She", "It", "They", "The")
               for match in _ENGLISH_SUBJECT.finditer(sentence))


def speaker_words(quote: Quote) -> set[str]:
    """Words that name the speaker: marker name and title, narration mentions."""
    words: set[str] = set()
    for piece in (quote.marker.speaker, quote.marker.title, quote.speaker.name, quote.speaker.title):
        if piece:
            words.update(piece.split())
    for mention in quote.speaker.mentions:
        words.update(mention.text.split())
    return {w.strip(".,") for w in words if w.strip(".,")}


# The setting of a remark: an event ending in 에서 (…기자회견에서, 인터뷰에서),
# and everything before it (date, place, speaker).
_KOREAN_SETTING = re.compile(r"(?:회견|브리핑|회의|인터뷰|청문회|연설|총회|회담|행사|세미나|포럼|토론회|방송|출연해|통해|자리|성명"
                             r"|참석해|참석한 자리에서)(?:에서|에서는|을 통해|를 통해|해)?,?$")


# How far a speaker's title may run after the name (아드리안 폴렌스키 유엔
# 인권최고대표사무소 서울사무소장은: five eojeols) before its topic particle.
_APPOSITION_REACH = 6


def _names_speaker(eojeol: str, names: set[str]) -> bool:
    word = eojeol.strip(".,“”‘’\"'")
    bare = re.sub(r"(?:은|는|이|가|도|의|에게|께서)$", "", word)
    return bare in names or word in names or any(bare.endswith(n) and len(n) >= 2 for n in names)


def _modifies_a_noun(eojeol: str) -> bool:
    """Whether a Korean eojeol is a noun phrase's modifier: nouns alone, or
    with 의 or the copula's 인 (재무부, 해외자산통제실의, 연구기관인)."""
    from .sentences import kiwi

    tokens = kiwi().tokenize(eojeol.strip(".,“”‘’\"'"))
    if not tokens or not all(t.tag.startswith(("NN", "SN", "SL", "XSN", "XPN")) for t in tokens[:1]):
        return False
    tags = [t.tag for t in tokens]
    body = [t for t in tags if not t.startswith(("NN", "SN", "SL", "XSN", "XPN"))]
    return body in ([], ["JKG"], ["VCP", "ETM"])


def korean_content_eojeols(sentence: str, names: set[str]) -> list[tuple[int, int]]:
    """(start, end) of the eojeols of a Korean narration sentence that report
    content: without the speaker's name and title, the setting (date, place,
    event), sentence adverbs and the closing reporting verb."""
    spans = [(m.start(), m.end()) for m in re.finditer(r"\S+", sentence)]
    # The setting comes first (speaker, date, place, event); a long framing
    # (*… 11일 워싱턴의 한 싱크탱크 토론회에 참석해*) can reach past the middle,
    # so it may end anywhere that leaves two eojeols of what was said.
    # A clause that ends on its setting (… 토론회에 참석해,) is all setting.
    reach = len(spans) if spans and _KOREAN_SETTING.search(sentence[slice(*spans[-1])]) else \
        max(len(spans) // 2 + 1, len(spans) - 2)
    setting_end = max((k for k, (a, b) in enumerate(spans[:reach])
                       if _KOREAN_SETTING.search(sentence[a:b])), default=-1)
    spans = spans[setting_end + 1:]
    keep = []
    apposition_end = -1
    # Nouns that lead up to the speaker's name describe them (재무부
    # 해외자산통제실의 | 오스틴 크롤리 실장은; 민간 연구기관인 | … 선임연구원은).
    first_name = next((k for k, (a, b) in enumerate(spans) if _names_speaker(sentence[a:b], names)), 0)
    if all(_modifies_a_noun(sentence[a:b]) for a, b in spans[:first_name]):
        apposition_end = first_name - 1
    for index, (a, b) in enumerate(spans):
        word = sentence[a:b].strip(".,“”‘’\"'")
        bare = re.sub(r"(?:은|는|이|가|도|의|에게|께서)$", "", word)
        if word in _KOREAN_FRAME_WORDS or _KOREAN_DATE.match(word) or index <= apposition_end:
            continue
        if _names_speaker(word, names):
            if word == bare:  # a bare name opens its apposition (폴렌스키 유엔 … 서울사무소장은): who speaks
                apposition_end = next((k for k in range(index + 1, min(len(spans), index + _APPOSITION_REACH))
                                       if re.search(r"(?:은|는|이|가)$", sentence[slice(*spans[k])])), -1)
            continue
        if index == len(spans) - 1 and _KOREAN_REPORTING.match(word) and len(spans) > 1:
            continue  # the closing reporting verb (…고 밝혔습니다)
        keep.append((a, b))
    return keep
