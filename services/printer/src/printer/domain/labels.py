"""Words the document prints itself, per essay language.

Kyrgyz structural headings (МАЗМУНУ, КИРИШҮҮ, КОРУТУНДУ, ПАЙДАЛАНЫЛГАН АДАБИЯТТАР) follow the
structure list of the Kyrgyz-Turkish Manas University thesis rules (Dipl_erejeler_kg), as quoted in a
public thesis repository found with the search tool; "Аткарган"/"Текшерген" are the title-page words
of a public Kyrgyz referat generator (the Kyrgyz branch of a python-docx "create_word" script).
Kyrgyz page abbreviations "б."/"Б." follow Kyrgyz book descriptions ("– 224 б."); the remaining
bibliographic marks stay in the interstate GOST's Russian form.
"""

from __future__ import annotations

from dataclasses import dataclass

from contracts.essay import Language


@dataclass(frozen=True, slots=True)
class Labels:
    """Printed words of one language."""

    lang_tag: str
    contents: str
    introduction: str
    conclusion: str
    references: str
    essay: str
    subject: str  # "{}" is the subject
    topic: str  # "{}" is the topic
    performed: str  # the author's line; "…_female" forms where the language has grammatical gender
    checked: str
    course: str  # "{}" is the course
    group: str  # "{}" is the group
    table: str
    department: str  # "{}" is the department's name
    ministries: tuple[tuple[str, str], ...]  # (country, the ministry of higher education there)
    # bibliography marks (GOST for ru/ky; en uses APA 7 and ignores these)
    pages_total: str  # "{}" is the page count: "320 с."
    pages_range: str  # "С. {}"
    volume: str
    issue: str
    et_al: str
    electronic: str  # GOST R 7.0.100-2018's content type of an online resource
    accessed: str  # "{}" is dd.mm.yyyy
    edited: str  # "{}" is the editors' names: "под редакцией А. А. Петрова"
    site: str  # what a web page's site is, supplied by the list's compiler, hence in brackets
    performed_female: str = ""
    checked_female: str = ""
    course_female: str = ""


RU = Labels(
    lang_tag="ru-RU",
    contents="СОДЕРЖАНИЕ",
    introduction="ВВЕДЕНИЕ",
    conclusion="ЗАКЛЮЧЕНИЕ",
    references="СПИСОК ИСПОЛЬЗОВАННЫХ ИСТОЧНИКОВ",
    essay="РЕФЕРАТ",
    subject="по дисциплине «{}»",
    topic="на тему: «{}»",
    performed="Выполнил:",
    checked="Проверил:",
    course="студент {} курса",
    group="группы {}",
    table="Таблица",
    department="Кафедра {}",
    ministries=(
        ("RU", "Министерство науки и высшего образования Российской Федерации"),
        ("KG", "Министерство науки, высшего образования и инноваций Кыргызской Республики"),
    ),
    performed_female="Выполнила:",
    checked_female="Проверила:",
    course_female="студентка {} курса",
    pages_total="{}\u00a0с.",
    pages_range="С.\u00a0{}",
    volume="Т.\u00a0{}",
    issue="№\u00a0{}",
    et_al="[и\u00a0др.]",
    electronic="Текст : электронный",
    accessed="(дата обращения: {})",
    edited="под редакцией {}",
    site="[сайт]",
)

KY = Labels(
    lang_tag="ky-KG",
    contents="МАЗМУНУ",
    introduction="КИРИШҮҮ",
    conclusion="КОРУТУНДУ",
    references="ПАЙДАЛАНЫЛГАН АДАБИЯТТАР",
    essay="РЕФЕРАТ",
    subject="«{}» дисциплинасы боюнча",
    topic="Темасы: «{}»",
    performed="Аткарган:",
    checked="Текшерген:",
    course="{}-курстун студенти",
    group="{} тобу",
    table="Таблица",
    department="{} кафедрасы",
    ministries=(
        ("RU", "Россия Федерациясынын Илим жана жогорку билим берүү министрлиги"),
        ("KG", "Кыргыз Республикасынын Илим, жогорку билим берүү жана инновациялар министрлиги"),
    ),
    pages_total="{}\u00a0б.",
    pages_range="Б.\u00a0{}",
    volume="Т.\u00a0{}",
    issue="№\u00a0{}",
    et_al="[и\u00a0др.]",
    electronic="Текст : электронный",
    accessed="(дата обращения: {})",
    # No Kyrgyz form of the editors' phrase was found in a standard; Kyrgyz lists keep GOST's Russian one,
    # as they keep "Текст : электронный".
    edited="под редакцией {}",
    site="[сайт]",
)

EN = Labels(
    lang_tag="en-US",
    contents="CONTENTS",
    introduction="INTRODUCTION",
    conclusion="CONCLUSION",
    references="REFERENCES",
    essay="ESSAY",
    subject="in the discipline “{}”",
    topic="on the topic: “{}”",
    performed="Performed by:",
    checked="Checked by:",
    course="year {} student",
    group="group {}",
    table="Table",
    department="Department of {}",
    ministries=(
        ("RU", "Ministry of Science and Higher Education of the Russian Federation"),
        ("KG", "Ministry of Science, Higher Education and Innovation of the Kyrgyz Republic"),
    ),
    pages_total="{}\u00a0p.",
    pages_range="P.\u00a0{}",
    volume="Vol.\u00a0{}",
    issue="No.\u00a0{}",
    et_al="[et al.]",
    electronic="[Electronic resource]",
    accessed="(accessed: {})",
    edited="ed. by {}",
    site="[website]",
)

# GOST 7.0.100-2018 gives the descriptive marks in the language of the described source, so an
# English book in a Russian list reads "320 p.", "Vol. 5, No. 2. – P. 10–20", "ed. by J. Smith"; what the
# compiler supplies ("Текст : электронный", "[сайт]", "дата обращения") stays in the list's language.
LATIN_MARKS = EN

_BY_LANGUAGE: dict[str, Labels] = {"ru": RU, "ky": KY, "en": EN}


def labels_for(language: Language | str) -> Labels:
    """Return the labels of a language; unknown languages fall back to Russian."""
    return _BY_LANGUAGE.get(language, RU)
