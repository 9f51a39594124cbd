"""Language identification with py3langid (its model ships inside the package)."""
from __future__ import annotations

from functools import lru_cache

from py3langid.langid import MODEL_FILE, LanguageIdentifier

SAMPLE_CHARS = 400  # the head of an article says its language as well as the whole
MIN_LETTERS = 80  # shorter texts do not say their language reliably
MIN_CONFIDENCE = 0.9


@lru_cache(maxsize=1)
def _identifier() -> LanguageIdentifier:
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> tuple[str | None, float]:
    """(ISO 639-1 code, probability) of the text's language; (None, 0.0) when it is too short to tell."""
    sample = text[:SAMPLE_CHARS]
    if sum(map(str.isalpha, sample)) < MIN_LETTERS:
        return None, 0.0
    code, probability = _identifier().classify(sample)
    return code, float(probability)


def is_confidently_not(language: str, text: str) -> tuple[bool, str | None]:
    """Whether the text is confidently in a language other than `language`, and the language found."""
    code, probability = detect_language(text)
    return code is not None and code != language and probability >= MIN_CONFIDENCE, code
