"""Brand names that are ordinary words ("Target", "Shell", "Mango"), told by word frequency lists
of the languages receipts come in (pyspellchecker's, build time only; none of it is shipped)."""
from __future__ import annotations

import gzip
import json

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from .directory import Directory
from .fold import fold_word, tokens

LANGUAGES = ("en", "de", "fr", "es", "it", "nl", "pt")
WORD_FILES = tuple(f"spellchecker/resources/{language}.json.gz" for language in LANGUAGES)
# (English words, each other language's words) taken, most frequent first: English is printed everywhere
COMMON_TOP = (20_000, 10_000)  # a one-word name among these is an ordinary word
NEAR_TOP = (50_000, 20_000)  # a word among these is no OCR slip of a name


def frequent_words(files: dict[str, bytes], top: tuple[int, int]) -> frozenset[str]:
    words: set[str] = set()
    for language, name in zip(LANGUAGES, WORD_FILES):
        counts = json.loads(gzip.decompress(files[name]))
        taken = top[0] if language == "en" else top[1]
        words.update(fold_word(word) for word in sorted(counts, key=counts.__getitem__, reverse=True)[:taken])
    return frozenset(words)


def common_names(rows: list[list], frequent: frozenset[str]) -> list[str]:
    """Folded one-word names and aliases of the directory that are frequent words."""
    found = set()
    for row in rows:
        for name in [row[0], *row[6], *row[7]]:
            words = tokens(name)
            if len(words) == 1 and words[0].key in frequent:
                found.add(words[0].key)
    return sorted(found)


def near_names(directory: Directory, frequent: frozenset[str], edits) -> list[str]:
    """Frequent words within ``edits(len)`` OCR edits of a name but not a name themselves, which
    the fuzzy match must leave alone ("TELEPHONE" is not a garbled "Pelephone")."""
    by_length = directory.fuzzy_keys(None)
    near = set()
    for word in frequent:
        allowed = edits(len(word))
        if not allowed or word in directory.index:
            continue
        for length in range(len(word) - allowed, len(word) + allowed + 1):
            if process.extractOne(word, by_length.get(length, ()), scorer=Levenshtein.distance,
                                  score_cutoff=allowed):
                near.add(word)
                break
    return sorted(near)
