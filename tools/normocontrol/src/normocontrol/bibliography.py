"""Shapes of bibliography entries: GOST R 7.0.100-2018 (ru, ky) and APA 7 (en)."""

from __future__ import annotations

import re

D = r"[–—]"  # GOST's separator is a dash (en dash; an em dash is tolerated), never a hyphen
CAP = r"[A-ZА-ЯЁӘӨҮҢҺІ]"
# lower-case words that open a surname ("van Beethoven", "de Gaulle", "фон Визин")
PARTICLES = r"(?:(?:van|von|de|der|den|del|della|di|da|du|dos|das|la|le|ten|ter|фон|ван|де|дер|ди|да)\s)*"
# "Нур уулу": a Kyrgyz surname of a father's name and "son of" / "daughter of"
SURNAME = rf"{PARTICLES}{CAP}[\w’'\-]+(?:\s(?:уулу|кызы))?"
INITIAL = rf"{CAP}[a-zа-яё]{{0,2}}\.(?:-{CAP}[a-zа-яё]{{0,2}}\.)?"  # "И.", "Yu.", "J.-P."
INITIALS = rf"{INITIAL}(?:\s?{INITIAL})?"
AUTHOR_HEAD = rf"{SURNAME},\s{INITIALS}"
YEAR = r"(?:1[5-9]|20)\d\d"
TAIL = rf"(?:\s{D}\s.+)?"
ELECTRONIC = r"(?:\[Электронный ресурс\]|\[Электрондук ресурс\]|Текст\s:\sэлектронный)"

# page abbreviations: с. (Russian), б. (Kyrgyz "бет"), p./S. for foreign-language sources
PAGES = {"ru": ("с|c|p|S", "С|C|P|S"), "ky": ("с|c|б|p|S", "С|C|Б|P|S")}


def _book(pages: str) -> re.Pattern[str]:
    return re.compile(
        # the extent ("224 с.") is left out by a record identified by its DOI or URL that does not know it
        # (bibliographic databases seldom do)
        rf"^(?:{AUTHOR_HEAD}\s)?[^/]+?\s/\s.+?\.\s{D}\s[^:/]+?(?:\s:\s[^,]+)?,\s{YEAR}\."
        rf"(?:\s{D}\s\d+\s(?:{pages})\.{TAIL}|\s{D}\s(?:DOI|URL:)\s.+)$"
    )


VOLUME = r"(?:Т|Vol)\.\s?\d+"
ISSUE = r"(?:№|No\.|Вып\.|Iss\.)\s?\d+[^–—]*?"
# the first author heads an entry of one to three authors; four and more follow the slash only
PART = rf"^(?:{AUTHOR_HEAD}\s)?\S.*?\s//\s.+?"


def _article(pages: str) -> re.Pattern[str]:
    return re.compile(
        rf"{PART}\.\s{D}\s{YEAR}\.\s{D}\s"
        rf"(?:(?:{VOLUME}(?:[.,]\s(?:{D}\s)?{ISSUE})?|{ISSUE})\.\s{D}\s)?"
        rf"(?:{pages})\.\s\d+(?:\s?[–—-]\s?\d+)?\.{TAIL}$"
    )


def _chapter(pages: str) -> re.Pattern[str]:
    """A part of a book: "… // Book / под редакцией …. – City : Publisher, Year. – С. 15–27."."""
    return re.compile(
        rf"{PART}\.\s{D}\s(?:[^–—]*?,\s)?{YEAR}\.\s{D}\s(?:{pages})\.\s\d+(?:\s?[–—-]\s?\d+)?\.{TAIL}$"
    )


GOST_BOOK = {lang: _book(book) for lang, (book, _) in PAGES.items()}
GOST_ARTICLE = {lang: _article(article) for lang, (_, article) in PAGES.items()}
GOST_CHAPTER = {lang: _chapter(article) for lang, (_, article) in PAGES.items()}
# A part read online names its content type before "//"; a work described as a whole closes with it,
# after "URL: … (дата обращения: …)" (GOST R 7.0.100-2018), so the mark may stand on either side.
GOST_WEB = re.compile(
    rf"^(?=.*{ELECTRONIC})(?:{AUTHOR_HEAD}\s)?\S.*?URL:\s?\S+.*?"
    rf"\((?:дата обращения|кайрылуу датасы):\s?\d{{2}}\.\d{{2}}\.\d{{4}}\)(?:\.\s{D}\s.+?)?\.?$"
)
BAD_AUTHOR = re.compile(rf"^{SURNAME}\s{INITIALS}\s")  # "Иванов И. И." without the comma

APA_AUTHOR = rf"{SURNAME}(?:\s{SURNAME})*,\s{CAP}[a-z]?\.(?:[\s-]?{CAP}[a-z]?\.)*"
# up to 20 authors, the last after "&"; beyond 20 the first 19, ". . ." and the last
APA_AUTHORS = (
    rf"{APA_AUTHOR}(?:,\s{APA_AUTHOR})*(?:,?\s&\s{APA_AUTHOR}|,\s\.\s\.\s\.\s{APA_AUTHOR})?"
    r"(?:\s\(Eds?\.\)\.)?"  # the editors of a whole edited book stand in the authors' place
)
APA_GROUP = rf"{CAP}[^().?!]+?[.?!]"  # a group author, or the title in the author's place ("What is AI?")
APA_DATE = rf"\((?:{YEAR}[a-z]?|n\.d\.)(?:,\s[A-Z][a-z]+(?:\s\d{{1,2}})?)?\)"
# after the date: a title ending in a full stop (and the rest), or straight the URL (or the retrieval
# date of an undated page and its URL) when the title took the author's place
APA = re.compile(
    rf"^(?:{APA_AUTHORS}|{APA_GROUP})\s{APA_DATE}\.\s(?:\S.*?[.?!](?:\s\S.*)?|(?:https?://|doi:)\S+"
    rf"|Retrieved\s[A-Z][a-z]+\s\d{{1,2}},\s{YEAR},\sfrom\s(?:https?://)\S+)$"
)

INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
LITERAL_NUMBER = re.compile(r"^\s*(\d+)[.)]?\s+")


def strip_invisible(text: str) -> str:
    """Text as the reader sees it: zero-width spaces, joiners and soft hyphens removed."""
    return INVISIBLE.sub("", text)


def entry_problem(text: str, language: str) -> str | None:
    """Why an entry does not fit the language's bibliography standard, None when it does."""
    entry = " ".join(text.replace("\u00a0", " ").split())
    entry = strip_invisible(entry)
    if language == "en":
        if APA.match(entry):
            return None
        return 'expected APA 7: "Surname, I. (Year). Title. Publisher." or "… Journal, 12(3), 45–67."'
    if BAD_AUTHOR.match(entry):
        return 'author heading must be "Surname, I. O." (comma after the surname)'
    language = "ky" if language == "ky" else "ru"
    if "//" in entry:
        if (
            GOST_ARTICLE[language].match(entry)
            or GOST_CHAPTER[language].match(entry)
            or GOST_WEB.match(entry)
        ):
            return None
        return (
            'expected an article: "Surname, I. O. Title / … // Journal. – Year. – № N. – С. X–Y." or a '
            'chapter: "… // Book / под редакцией …. – City : Publisher, Year. – С. X–Y."'
        )
    if "URL" in entry:
        if GOST_WEB.match(entry):
            return None
        return 'expected a web source: "Title : [сайт]. – URL: … (дата обращения: DD.MM.YYYY). – Текст : электронный."'
    if GOST_BOOK[language].match(entry):
        return None
    return 'expected a book: "Surname, I. O. Title / I. O. Surname. – City : Publisher, Year. – N с."'


OLD_ELECTRONIC = re.compile(r"\[Электрон(?:ный|дук) ресурс\]", re.I)
# where GOST R 7.0.100-2018 lists need a non-breaking space: "224 с.", "С. 15", "Т. 5", "№ 3", "И. И."
LOOSE_SPACE = re.compile(
    r"\d (?:с|c|б|p)\.|(?<![\w])(?:С|C|Б|P|Т|Vol|№|No)\.? \d|(?<![\w])[А-ЯЁӨҮҢA-Z]\. [А-ЯЁӨҮҢA-Z]\.(?=\s|$|,)"
)
SUBTITLE_COLON = re.compile(r"[^\s:]: \S")


def gost_2018_problems(text: str) -> list[tuple[str, str]]:
    """(rule, why) for what GOST R 7.0.100-2018 writes otherwise than its predecessor or a typist."""
    problems = []
    if OLD_ELECTRONIC.search(text):
        problems.append(
            (
                "sources.gost_2018",
                '"[Электронный ресурс]" is GOST 7.1-2003; GOST R 7.0.100-2018 writes "– Текст : электронный"',
            )
        )
    if LOOSE_SPACE.search(text):
        problems.append(
            (
                "sources.nbsp",
                'a plain space inside "224 с.", "С. 15", "Т. 5", "№ 3" or "И. И." lets the line break there',
            )
        )
    title = re.split(r"\s/\s|\s//\s|\s[–—]\s", text, maxsplit=1)[0]
    if SUBTITLE_COLON.search(title):
        problems.append(
            ("sources.punctuation", 'a subtitle follows " : " with spaces on both sides ("пути : теория")')
        )
    return problems
