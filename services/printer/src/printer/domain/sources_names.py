"""Names of authors and editors as bibliographic records give them, reduced to surname and initials.

Databases write "Surname, Given Names" ("Smith, John A.", "Иванов, Пётр Сергеевич"); OpenAlex's display
names are "Given Surname" ("John A. Smith", "Пётр Иванов"); the LLM writes "Иванов И. И."; organisations
("World Health Organization") stay whole.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from printer.domain.sources_text import CYRILLIC
from printer.domain.xmlkit import clean_line

_INITIAL = re.compile(r"^[^\W\d_]{1,3}\.$|^[^\W\d_]$|^[A-ZА-ЯЁӨҮҢ]{2,3}$")  # "J.", "Yu.", "J", "JA"
_PIECE = re.compile(r"([^\W\d_](?:[^\W\d_]|['’])*)(\.?)(-?)")  # "D'Arcy" is one name
_SUFFIXES = {"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"}
# Lower-case words that belong to a surname ("van Beethoven", "de Gaulle", "фон Визин").
_PARTICLES = {
    *("van", "von", "de", "der", "den", "del", "della", "dei", "di", "da", "das", "dos", "do", "du"),
    *("la", "le", "ten", "ter", "zu", "bin", "ibn", "al", "el", "фон", "ван", "де", "дер", "ди", "да"),
    *("дю", "ле", "ла", "ибн", "аль", "бен"),
}
# "et al." as BibTeX writes it ("and others") or a record copied from a list.
_MORE = {"others", "et al.", "et al", "и др.", "и др", "[и др.]", "[et al.]"}
# Words that make a name an organisation's; short Russian stems only with case endings, so that a surname
# such as "Советов" or "Фондов" stays a person's.
_CORPORATE = re.compile(
    r"^(?:organi[sz]ations?|institut\w*|universit\w*|universidad\w*|colleges?|academ\w*|associat\w*"
    r"|societ\w*|council|committee|commission|agency|bureau|department|ministr\w*|foundation|bank"
    r"|cent(?:er|re)s?|corporation|company|inc|ltd|llc|plc|gmbh|consortium|federation|collaboration"
    r"|laborator\w*|government|nations|programme|library|museum|authority"
    r"|министерств\w*|министрлиг\w*|институт\w*|университет\w*|академи\w*|ассоциаци\w*|обществ[оаеу]"
    r"|комитет\w*|комисси\w*|агентств\w*|служб\w*|департамент\w*|управлени\w*|корпораци\w*"
    r"|организаци\w*|уюм\w*|федераци\w*|библиотек\w*|китепкана\w*|музе[йяюе]\w*|правительств\w*"
    r"|өкмөт\w*|лаборатори\w*|колледж\w*|кеңеш\w*|борбор\w*"
    r"|(?:банк|фонд|центр|союз|совет)(?:а|у|ом|е|ы)?)$",
    re.IGNORECASE,
)
_KYRGYZ_PATRONYMIC = {"уулу", "кызы"}  # "Нур уулу": son of Nur, the surname of many Kyrgyz names
_PATRONYMIC = re.compile(r"\w(?:вич|вна|ична|ьич)$", re.IGNORECASE)
_SURNAME_STRONG = re.compile(r"\w{2}(?:ов|ев|ёв|ова|ева|ёва|ский|цкий|ская|цкая|ской|цкой)$", re.IGNORECASE)
_SURNAME_WEAK = re.compile(r"\w{2}(?:ин|ын|ина|ына|енко|ук|юк|ян|дзе|швили|ых|их|ой)$", re.IGNORECASE)
# Given names that end like surnames ("Ирина", "Константин"); a tie between two such words needs them.
_GIVEN = {
    *("ирина", "марина", "галина", "алина", "полина", "нина", "кристина", "валентина", "екатерина"),
    *("карина", "ангелина", "регина", "зарина", "дина", "константин", "валентин", "вениамин"),
}


@dataclass(frozen=True, slots=True)
class Name:
    """A person's surname and initials, or an organisation's whole name."""

    surname: str
    initials: tuple[str, ...] = ()
    corporate: bool = False


def _words(raw: str) -> str:
    return " ".join(clean_line(raw).replace("{", " ").replace("}", " ").split()).strip(" ,;")


def _corporate_words(words: list[str]) -> bool:
    bare = [w.strip(".,;:()«»\"'") for w in words]
    return any(_CORPORATE.match(w) for w in bare) or any(
        w.isalpha() and w.islower() and w not in _PARTICLES and w not in _KYRGYZ_PATRONYMIC for w in bare
    )


def is_organisation(raw: str) -> bool:
    """Whether an author string names an organisation ("World Health Organization", "UNESCO")."""
    # A comma means "Surname, Given" unless what precedes it is itself an organisation's name
    # ("University of California, Berkeley").
    text = clean_line(raw).strip()
    if text.startswith("{") and text.endswith("}"):
        return True  # BibTeX braces a corporate author so that it is never split into names
    name = _words(raw)
    if "," in name:
        head = name.partition(",")[0].split()
        return len(head) > 1 and _corporate_words(head)
    words = name.split()
    if len(words) == 1:
        letters = [ch for ch in words[0] if ch.isalpha()]
        return len(letters) > 1 and all(ch.isupper() for ch in letters)  # an acronym: WHO, OECD, ЮНЕСКО
    return _corporate_words(words)


def _surname_score(word: str) -> int:
    if word.casefold() in _GIVEN:
        return 0
    return 2 if _SURNAME_STRONG.search(word) else 1 if _SURNAME_WEAK.search(word) else 0


def _with_particles(tokens: list[str], end: int) -> int:
    """Where the surname ending at tokens[end] starts, counting the particles before it."""
    start = end
    while start > 1 and tokens[start - 1].casefold() in _PARTICLES:
        start -= 1
    return start


def _split_full(tokens: list[str]) -> tuple[list[str], list[str]]:
    """(surname words, given words) of a name written out in full, without a comma."""
    lowered = [t.casefold() for t in tokens]
    kyrgyz = next((i for i, t in enumerate(lowered) if t in _KYRGYZ_PATRONYMIC and i > 0), None)
    others = [t for i, t in enumerate(tokens) if kyrgyz is None or i not in (kyrgyz - 1, kyrgyz)]
    if kyrgyz is not None and not any(_surname_score(t) == 2 for t in others):
        return tokens[kyrgyz - 1 : kyrgyz + 1], others
    if CYRILLIC.search(" ".join(tokens)):
        patronymic = next((i for i, t in enumerate(tokens) if _PATRONYMIC.search(t)), None)
        # Russian writes "Surname Given Patronymic"; OpenAlex "Given Patronymic Surname" or "Given Surname".
        surname_last = (patronymic is not None and patronymic < len(tokens) - 1 and patronymic != 0) or (
            patronymic is None
            and (
                _surname_score(tokens[-1]) > _surname_score(tokens[0]) or tokens[-2].casefold() in _PARTICLES
            )
        )
        if not surname_last:
            return tokens[:1], tokens[1:]
    start = _with_particles(tokens, len(tokens) - 1)
    return tokens[start:], tokens[:start]


def parse_author(raw: str) -> tuple[str, list[str]]:
    """Surname and initials of "Иванов И. И.", "Smith, John A.", "John Smith"; an organisation stays whole."""
    name = _words(raw)
    if not name:
        return "", []
    if is_organisation(raw):
        return name, []
    if "," in name:
        surname, _, rest = name.partition(",")
        return surname.strip(), _initials(rest.split())
    tokens = name.split()
    if len(tokens) == 1:
        return tokens[0], []
    if all(_INITIAL.match(t) or "." in t for t in tokens[1:]):
        return tokens[0], _initials(tokens[1:])
    if all(_INITIAL.match(t) or "." in t for t in tokens[:-1]):
        return tokens[-1], _initials(tokens[:-1])
    surname_words, given = _split_full(tokens)
    return " ".join(surname_words), _initials(given)


def _initials(tokens: list[str]) -> list[str]:
    """Initials of given names: "John A." → J., A.; "Jean-Paul" → J.-P.; "Yu." stays; "JA" → J., A."""
    out: list[str] = []
    for token in tokens:
        token = token.strip(",;")
        if token.casefold() in _SUFFIXES or token.casefold() in _KYRGYZ_PATRONYMIC:
            continue  # Jr., III, "уулу": not an initial
        if re.fullmatch(r"[A-ZА-ЯЁӨҮҢ]{2,3}", token):
            out.extend(ch + "." for ch in token)
            continue
        group = ""
        for letters, dot, hyphen in _PIECE.findall(token):
            short = dot and len(letters) <= 3 and letters[0].isupper()
            group += (letters if short else letters[0].upper()) + "."
            if hyphen:
                group += "-"
            else:
                out.append(group)
                group = ""
        if group:
            out.append(group.rstrip("-"))
    return out


def names_of(raws: Iterable[str]) -> tuple[list[Name], bool]:
    """Parsed names in their order, and whether the record says there are more ("and others")."""
    names: list[Name] = []
    more = False
    for raw in raws:
        if _words(raw).casefold() in _MORE:
            more = True
            continue
        surname, initials = parse_author(raw)
        if surname:
            names.append(Name(surname, tuple(initials), corporate=is_organisation(raw)))
    return names, more


_GENITIVE = (
    (re.compile(r"(?<=\w\w)(ов|ев|ёв|ин|ын)$"), r"\1а"),
    (re.compile(r"(?<=\w\w)(ов|ев|ёв|ин|ын)а$"), r"\1ой"),
    (re.compile(r"(?<=\w\w)(ск|цк)(ий|ой)$"), r"\1ого"),
    (re.compile(r"(?<=\w\w)(ск|цк)ая$"), r"\1ой"),
)


def genitive(surname: str) -> str:
    """A Russian surname in the genitive: Петров → Петрова, Петрова → Петровой, Белинский → Белинского."""
    # One whose case form depends on the unknown sex ("Шмидт", "Акопян") stays as written.
    parts = surname.split("-")
    out = []
    for part in parts:
        for pattern, replacement in _GENITIVE:
            if pattern.search(part):
                part = pattern.sub(replacement, part)
                break
        out.append(part)
    return "-".join(out)
