"""One home for the small pieces of wording every part of the kit shares.

- :func:`plural`, :func:`number_of`, :func:`word_for` and :func:`count_of`: a count with its
  word ("1 person", "3 people", "no informal leader", "has" / "have"), so no module writes
  ``'s' if n != 1`` by hand;
- :func:`and_list` and :func:`names_list`: "A, B and C";
- :func:`fold`: how the kit compares what a participant typed with what it knows (case, spacing
  and, for choices, hyphens and underscores ignored);
- :data:`HONORIFICS` and :func:`is_honorific`: the titles written before a name ("Dr", "Sister").

This module imports nothing from the rest of the kit, so every other module may use it.

Examples
--------
>>> plural(1, "person", "people"), plural(3, "person", "people"), number_of(0, "broker")
('1 person', '3 people', 'no broker')
>>> f"{names_list(['Rosa'])} {word_for(1, 'has', 'have')} no ties"
'Rosa has no ties'
>>> fold("  Day-to-day  Leader ", how="choice")
'day to day leader'
"""

from __future__ import annotations

import re
from typing import Iterable

__all__ = ["HONORIFICS", "and_list", "count_of", "fold", "is_honorific", "names_list", "number_of", "plural",
           "word_for"]


# --------------------------------------------------------------------------- counts


def plural(count: int, word: str, words: str | None = None) -> str:
    """The count and its word: ``'1 person'``, ``'3 people'`` (``words`` defaults to ``word + 's'``).

    See Also
    --------
    number_of : the same, with "no" for zero.
    word_for : the word alone (a verb that agrees with a count).

    Examples
    --------
    >>> plural(1, "tie"), plural(2, "tie"), plural(0, "copy", "copies")
    ('1 tie', '2 ties', '0 copies')
    """
    return f"{count} {word_for(count, word, words)}"


def number_of(count: int, word: str, words: str | None = None) -> str:
    """``'no informal leader'``, ``'1 informal leader'``, ``'3 informal leaders'``.

    See Also
    --------
    plural : the count written as a number even when it is zero.

    Examples
    --------
    >>> number_of(0, "file"), number_of(1, "file"), number_of(4, "file")
    ('no file', '1 file', '4 files')
    """
    return f"no {word}" if count == 0 else plural(count, word, words)


def word_for(count: int, word: str, words: str | None = None) -> str:
    """The word that agrees with ``count``, without the count: a noun or a verb.

    ``words`` is the form for any count but 1 (default ``word + 's'``).

    See Also
    --------
    plural : the count and its word.

    Examples
    --------
    >>> word_for(1, "has", "have"), word_for(3, "has", "have"), word_for(2, "bridge")
    ('has', 'have', 'bridges')
    """
    return word if count == 1 else (words or word + "s")


def count_of(count: int, total: int) -> str:
    """``'11 of 20 colleagues'`` (or ``'no colleague'``, ``'all 20 colleagues'``).

    Examples
    --------
    >>> count_of(11, 20), count_of(0, 20), count_of(20, 20), count_of(1, 1)
    ('11 of 20 colleagues', 'no colleague', 'all 20 colleagues', '1 of 1 colleague')
    """
    if count == 0:
        return "no colleague"
    if count == total and total > 1:
        return f"all {total} colleagues"
    return f"{count} of {plural(total, 'colleague')}"


# --------------------------------------------------------------------------- lists


def and_list(items: Iterable[object]) -> str:
    """``'A, B and C'``; one item alone; nothing is ``''``.

    See Also
    --------
    names_list : the same for names, with "nobody" and a limit.

    Examples
    --------
    >>> and_list(["a", "b", "c"]), and_list(["a"]), and_list([])
    ('a, b and c', 'a', '')
    """
    words = [str(item) for item in items]
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} and {words[-1]}"


def names_list(names: Iterable[str], *, limit: int = 5) -> str:
    """``'A, B and C'``, ``'nobody'`` for none, and ``'... and 4 others'`` past ``limit`` names.

    Examples
    --------
    >>> names_list(["Rosa", "Tom"]), names_list([]), names_list("ABCDEFG", limit=5)
    ('Rosa and Tom', 'nobody', 'A, B, C, D, E and 2 others')
    """
    names = list(names)
    if not names:
        return "nobody"
    if len(names) > limit:
        return f"{', '.join(names[:limit])} and {plural(len(names) - limit, 'other')}"
    return and_list(names)


# --------------------------------------------------------------------------- folding

_CHOICE_GAPS = re.compile(r"[\s_-]+")
_NOT_LETTERS = re.compile(r"[^0-9a-z]+")


def fold(text: object, *, how: str = "spaces") -> str:
    """``text`` as the kit compares it: case ignored, and spacing as ``how`` says.

    ``how`` is one of:

    - ``"spaces"`` (the default): runs of spaces are one space, the ends trimmed
      (names: ``' Rosa  DELGADO'`` is ``'rosa delgado'``);
    - ``"choice"``: spaces, hyphens and underscores are all one space (a typed choice:
      ``'Day to day leader'`` is ``'day-to-day leader'``);
    - ``"letters"``: only ASCII letters and digits count, anything else is one space (a column
      heading: ``'Job title:'`` is ``'job title'``);
    - ``"compact"``: spaces removed altogether (a case-study name: ``'Krack hardt'``).

    Examples
    --------
    >>> fold(" Rosa  DELGADO "), fold("sought_out-by", how="choice")
    ('rosa delgado', 'sought out by')
    >>> fold("Job title (optional):", how="letters"), fold("Krack hardt", how="compact")
    ('job title optional', 'krackhardt')
    """
    low = str(text).casefold()
    if how == "spaces":
        return " ".join(low.split())
    if how == "choice":
        return _CHOICE_GAPS.sub(" ", low).strip()
    if how == "letters":
        return _NOT_LETTERS.sub(" ", low).strip()
    if how == "compact":
        return "".join(low.split())
    raise ValueError(f"fold(how={how!r}): use 'spaces', 'choice', 'letters' or 'compact'")


# --------------------------------------------------------------------------- names

#: titles written before a name, compared folded and without a full stop ("Dr.", "SISTER")
HONORIFICS = frozenset({"dr", "prof", "professor", "mr", "mrs", "ms", "miss", "mx", "sir", "dame", "sister",
                        "nurse"})


def is_honorific(word: str) -> bool:
    """True for a title written before a name (``'Dr'``, ``'dr.'``, ``'Sister'``).

    Examples
    --------
    >>> is_honorific("Dr."), is_honorific("Prof"), is_honorific("Rosa")
    (True, True, False)
    """
    return fold(word).removesuffix(".") in HONORIFICS
