"""The cross-language calibration that ships with sursur is what the engine computes from the shipped
statements, and the language of a text is guessed right for the three languages."""

from __future__ import annotations

import numpy as np
import pytest

from sursur.analysis.matching.text import E5Engine, calibration_statements, guess_language
from sursur.services.matching import shipped_calibration


def test_the_shipped_means_are_those_of_this_model_and_statement_set():
    engine = E5Engine()
    digest, statements = calibration_statements()
    shipped = shipped_calibration(engine.name, digest)
    assert shipped is not None, "calibration-means.npz is stale: run services.matching.write_shipped_calibration()"
    fresh = engine.calibration_vectors(statements)
    for side in ("query", "passage"):
        for lang in ("es", "en", "pt"):
            assert np.allclose(shipped[side][lang], fresh[side][lang], atol=1e-4), (side, lang)


def test_other_engines_or_statements_get_no_shipped_means():
    digest, _ = calibration_statements()
    assert shipped_calibration("another-model", digest) is None
    assert shipped_calibration(E5Engine().name, "0" * 64) is None


@pytest.mark.parametrize("text, lang", [
    ("Necesitamos apoyar a las mujeres que venden en la calle y a sus pequeños negocios", "es"),
    ("Queremos reduzir a violência entre os jovens dos bairros da periferia", "pt"),
    ("Our buses are stuck in traffic and we cannot afford a metro", "en"),
    ("12345 !!!", None)])
def test_the_language_of_a_demand_is_guessed(text, lang):
    assert guess_language(text) == lang
