"""A short, readable name for the browser and system of a User-Agent header ("Firefox on
Windows"), for the list of a user's sessions. Good enough to recognise one's own devices."""

from __future__ import annotations

import re

# Order matters: Edge and Opera also say "Chrome", Chrome also says "Safari".
BROWSERS = [
    ("Edge", r"Edg(e|A|iOS)?/"),
    ("Opera", r"OPR/|Opera"),
    ("Firefox", r"Firefox/|FxiOS/"),
    ("Chrome", r"Chrome/|CriOS/|Chromium/"),
    ("Safari", r"Safari/"),
]
SYSTEMS = [
    ("iPhone", r"iPhone"),
    ("iPad", r"iPad"),
    ("Android", r"Android"),
    ("Windows", r"Windows"),
    ("macOS", r"Macintosh|Mac OS X"),
    ("ChromeOS", r"CrOS"),
    ("Linux", r"Linux"),
]


def describe(user_agent: str) -> tuple[str, str]:
    """(browser, system), each "" when not recognised."""
    browser = next((name for name, rx in BROWSERS if re.search(rx, user_agent)), "")
    system = next((name for name, rx in SYSTEMS if re.search(rx, user_agent)), "")
    return browser, system
