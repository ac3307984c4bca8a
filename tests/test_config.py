from __future__ import annotations

from pathlib import Path

import pytest

from newsevents.config import SETTINGS, load_config


def test_config_defaults_come_from_the_settings_table() -> None:
    config = load_config()
    for setting in SETTINGS:
        assert getattr(config, setting.name) == setting.default


def test_config_layers_file_then_flags(tmp_path: Path) -> None:
    user = tmp_path / "user.toml"
    user.write_text("workers = 3\nbatch_size = 8\n", encoding="utf-8")
    config = load_config(user, workers=2)
    assert config.workers == 2, "a flag wins over the file"
    assert config.batch_size == 8, "the file wins over the default"


def test_config_env_variable_names_the_user_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    user = tmp_path / "env.toml"
    user.write_text("language_check = false\n", encoding="utf-8")
    monkeypatch.setenv("NEWSEVENTS_CONFIG", str(user))
    assert load_config().language_check is False


@pytest.mark.parametrize(
    "content",
    ["nonsense = 1\n", "workers = 'two'\n", "workers = 0\n", "clean = 1\n", "workers = [\n"],
)
def test_config_rejects_bad_files(tmp_path: Path, content: str) -> None:
    user = tmp_path / "bad.toml"
    user.write_text(content, encoding="utf-8")
    with pytest.raises(ValueError):
        load_config(user)
