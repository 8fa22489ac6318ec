"""Checks RSS and Atom feeds with feedparser (python3-feedparser), a parser other
people wrote: every file named on the command line must parse without
complaint (feedparser's "bozo" flag), and every entry must have an id, a
link, a title and a publication date that names its zone. With --full,
an entry's content must carry no site-relative URL (a feed reader shows
it away from the site). Prints one line per problem; exits 1 if any."""
import re
import sys

import feedparser

ZONE = re.compile(r"([+-]\d\d:?\d\d|Z|GMT|UTC)$")
RELATIVE = re.compile(r"""(?:href|src)="(?!https?://|#|mailto:)""")

full = "--full" in sys.argv
problems = []
for name in [a for a in sys.argv[1:] if not a.startswith("--")]:
    with open(name, "rb") as f:
        data = f.read()
    d = feedparser.parse(data)
    if d.bozo:
        problems.append(f"{name}: {d.bozo_exception!r}")
        continue
    if not d.version:
        problems.append(f"{name}: not recognised as a feed")
    for e in d.entries:
        where = f"{name}: entry {e.get('id', '?')}"
        for key in ("id", "link", "title", "published"):
            if not e.get(key):
                problems.append(f"{where}: no {key}")
        if e.get("published") and not ZONE.search(e.published.strip()):
            problems.append(f"{where}: date {e.published!r} names no zone")
        if full:
            text = " ".join(c.value for c in e.get("content", [])) or e.get("summary", "")
            if RELATIVE.search(text):
                problems.append(f"{where}: content has a relative URL")
for p in problems:
    print(p)
sys.exit(1 if problems else 0)
