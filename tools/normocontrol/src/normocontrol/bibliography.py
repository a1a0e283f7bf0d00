"""Shapes of bibliography entries: GOST R 7.0.100-2018 (ru, ky) and APA 7 (en)."""

from __future__ import annotations

import re

D = r"[–—]"  # GOST's separator is a dash (en dash; an em dash is tolerated), never a hyphen
CAP = r"[A-ZА-ЯЁӘӨҮҢҺІ]"
SURNAME = rf"{CAP}[\w’'\-]+"
INITIALS = rf"{CAP}\.(?:\s?{CAP}\.)?"
AUTHOR_HEAD = rf"{SURNAME},\s{INITIALS}"
YEAR = r"(?:1[5-9]|20)\d\d"
TAIL = rf"(?:\s{D}\s.+)?"

GOST_BOOK = re.compile(
    rf"^(?:{AUTHOR_HEAD}\s)?[^/]+?\s/\s.+?\.\s{D}\s[^:/]+?(?:\s:\s[^,]+)?,\s{YEAR}\.\s{D}\s\d+\s(?:с|c|p|S)\.{TAIL}$"
)
GOST_ARTICLE = re.compile(
    rf"^{AUTHOR_HEAD}\s.+?\s//\s.+?\.\s{D}\s{YEAR}\.\s{D}\s"
    rf"(?:(?:Т|Vol)\.\s?\d+[.,]\s(?:{D}\s)?)?(?:№|No\.|Вып\.|Iss\.)\s?\d+[^–—]*?\.\s"
    rf"{D}\s(?:С|P)\.\s\d+(?:\s?[–—-]\s?\d+)?\.{TAIL}$"
)
GOST_WEB = re.compile(
    rf"^(?:{AUTHOR_HEAD}\s)?\S.*?(?:\[Электронный ресурс\]|\[Электрондук ресурс\]|Текст\s:\sэлектронный)"
    rf".*?URL:\s?\S+.*?\((?:дата обращения|кайрылуу датасы):\s?\d{{2}}\.\d{{2}}\.\d{{4}}\)\.?$"
)
BAD_AUTHOR = re.compile(rf"^{SURNAME}\s{INITIALS}\s")  # "Иванов И. И." without the comma

APA_AUTHOR = rf"{SURNAME}(?:\s{SURNAME})*,\s{CAP}\.(?:[\s-]?{CAP}\.)*"
APA_AUTHORS = rf"{APA_AUTHOR}(?:,\s{APA_AUTHOR})*(?:,?\s&\s{APA_AUTHOR})?"
APA_GROUP = rf"{CAP}[^().]+?\."
APA_DATE = rf"\((?:{YEAR}[a-z]?|n\.d\.)(?:,\s[A-Z][a-z]+(?:\s\d{{1,2}})?)?\)"
APA = re.compile(rf"^(?:{APA_AUTHORS}|{APA_GROUP})\s{APA_DATE}\.\s\S.*?[.?!](?:\s\S.*)?$")

LITERAL_NUMBER = re.compile(r"^\s*(\d+)[.)]?\s+")


def entry_problem(text: str, language: str) -> str | None:
    """Why an entry does not fit the language's bibliography standard, None when it does."""
    entry = " ".join(text.replace("\u00a0", " ").split())
    if language == "en":
        if APA.match(entry):
            return None
        return 'expected APA 7: "Surname, I. (Year). Title. Publisher." or "… Journal, 12(3), 45–67."'
    if BAD_AUTHOR.match(entry):
        return 'author heading must be "Surname, I. O." (comma after the surname)'
    if "//" in entry:
        if GOST_ARTICLE.match(entry) or GOST_WEB.match(entry):
            return None
        return 'expected an article: "Surname, I. O. Title / … // Journal. – Year. – № N. – С. X–Y."'
    if "URL" in entry:
        if GOST_WEB.match(entry):
            return None
        return 'expected a web source: "Title [Электронный ресурс]. – URL: … (дата обращения: DD.MM.YYYY)."'
    if GOST_BOOK.match(entry):
        return None
    return 'expected a book: "Surname, I. O. Title / I. O. Surname. – City : Publisher, Year. – N с."'
