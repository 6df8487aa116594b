"""Posts and helpers shared by the translations tests: one post in four languages, written by us."""
from __future__ import annotations

from conftest import copydesk, write
from linters import config
from linters.engine import engine_for
from linters.translations import TranslationsLinter

ENGLISH = """---
lang: en
title: Talent
translated: false
---

In [episode 452](https://www.youtube.com/watch?v=ugvHCXCOmm4) the guest spoke for 1:38:25.

A team of 1,200 people is slower than a team of 100, as [the transcript](https://lexfridman.com/dario-amodei-transcript/) says.

See also [the essay](https://example.org/essay) and [the talk](https://youtu.be/9bZkp7q19f0).

```bash
cd ~/Documents
ls
```
"""

FRENCH = """---
lang: fr
title: Talent
translated: true
---

Dans [l'épisode 452](https://www.youtube.com/watch?v=ugvHCXCOmm4), l'invité a parlé 1:38:25.

Une équipe de 1 200 personnes est plus lente qu'une équipe de 100, dit [la transcription](https://lexfridman.com/dario-amodei-transcript).

Voir aussi [l'essai](https://example.org/essay?utm_source=news) et [la conférence](https://youtu.be/9bZkp7q19f0).

```bash
cd ~/Documents
ls
```
"""

GERMAN = """---
lang: de
title: Talent
translated: true
---

In [Folge 452](https://youtube.com/watch?v=ugvHCXCOmm4) sprach der Gast 1:38:25 lang.

Ein Team von 1.200 Menschen ist langsamer als eines von 100, so [das Transkript](https://lexfridman.com/dario-amodei-transcript/).

Siehe auch [den Essay](https://example.org/essay/) und [den Vortrag](https://youtu.be/9bZkp7q19f0).

```bash
cd ~/Documents
ls
```
"""

# The Spanish version has a changed YouTube id (line 7), a dropped link (line 9) and a changed number (line 9).
SPANISH = """---
lang: es
title: Talento
translated: true
---

En [el episodio 452](https://www.youtube.com/watch?v=ugvHCXCOmm8) el invitado habló 1:38:25.

Un equipo de 1.250 personas es más lento que uno de 100, como dice la transcripción.

Véase también [el ensayo](https://example.org/essay) y [la charla](https://youtu.be/9bZkp7q19f0).

```bash
cd ~/Documents
ls
```
"""


def paragraph_post(language: str, paragraph: str) -> str:
    """A post in ``language`` whose middle paragraph is ``paragraph``, between two that every
    version shares."""
    return f"---\nlang: {language}\ntitle: T\n---\n\nFirst paragraph.\n\n{paragraph}\n\nLast paragraph.\n"


def group(root, versions: dict[str, str], slug: str = "2024-11-11-talent"):
    return {language: write(root / "_posts" / language / f"{slug}-{language}.md", text)
            for language, text in versions.items()}


def check(*paths, cwd, extra=()):
    run = copydesk("check", *paths, "--select", "TRN", "--format", "json", "--no-cache", *extra, cwd=cwd)
    assert run.code in (0, 1), run
    return run.json()


def translations_linter() -> TranslationsLinter:
    return next(linter for linter in engine_for(config.from_mapping({"select": ["TRN"]})).linters
                if isinstance(linter, TranslationsLinter))
