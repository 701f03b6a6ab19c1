"""The help articles: Markdown files per language, split into sections (the chat's passages)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

FOLDER = Path(__file__).resolve().parent / "articles"
LANGUAGES = ("fr", "nl", "en")


@dataclass(frozen=True)
class Section:
    heading: str
    text: str


@dataclass(frozen=True)
class Article:
    slug: str
    language: str
    title: str
    summary: str
    intro: str
    sections: tuple[Section, ...] = field(default_factory=tuple)

    @property
    def body(self) -> str:
        return "\n\n".join([self.intro, *(f"## {s.heading}\n\n{s.text}" for s in self.sections)])


def parse(slug: str, language: str, text: str) -> Article:
    match = re.match(r"---\n(.*?)\n---\n(.*)", text, re.S)
    if match is None:
        raise ValueError(f"{language}/{slug}.md: missing front matter")
    meta = dict(line.split(":", 1) for line in match.group(1).splitlines() if ":" in line)
    parts = re.split(r"^## +(.+)$", match.group(2), flags=re.M)
    sections = tuple(
        Section(heading.strip(), body.strip())
        for heading, body in zip(parts[1::2], parts[2::2], strict=True)
    )
    return Article(
        slug,
        language,
        meta["title"].strip(),
        meta.get("summary", "").strip(),
        parts[0].strip(),
        sections,
    )


@cache
def articles(language: str) -> tuple[Article, ...]:
    language = language if language in LANGUAGES else "fr"
    files = sorted((FOLDER / language).glob("*.md"))
    return tuple(parse(f.stem, language, f.read_text(encoding="utf-8")) for f in files)


def article(language: str, slug: str) -> Article | None:
    return next((a for a in articles(language) if a.slug == slug), None)
