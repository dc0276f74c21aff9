"""Settings precedence, secrets, validation and `config show`."""

from __future__ import annotations

from pathlib import Path

import pytest

from evidence.config import EUTILS_BASE, load_settings
from evidence.errors import ConfigError


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_defaults(tmp_path: Path) -> None:
    settings = load_settings()
    project = tmp_path / "project"
    assert settings.project_dir == project.resolve()
    assert settings.store == project.resolve() / ".evidence" / "store.sqlite3"
    assert settings.references_dir == project.resolve() / "references"
    assert settings.eutils_base == EUTILS_BASE
    assert settings.ncbi_email is None
    assert settings.ncbi_rate == 3.0
    assert settings.sources == {}


def test_precedence_cli_then_env_then_project_then_user(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "home"
    project = tmp_path / "project"
    _write(home / "config.toml", 'ncbi_email = "user@x"\ntimeout = 5\nncbi_tool = "usertool"\n')
    _write(project / "evidence.toml", '[evidence]\nncbi_email = "project@x"\ntimeout = 7\n')
    monkeypatch.setenv("EVIDENCE_TIMEOUT", "9")
    settings = load_settings({"ncbi_tool": None})
    assert settings.ncbi_email == "project@x"
    assert settings.timeout == 9.0
    assert settings.ncbi_tool == "usertool"
    assert settings.sources["timeout"] == "environment"
    assert settings.sources["ncbi_email"].startswith("project file")
    assert settings.sources["ncbi_tool"].startswith("user file")
    assert load_settings({"timeout": 3}).timeout == 3.0


def test_api_key_from_environment_or_keys_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _write(tmp_path / "home" / "keys.toml", 'ncbi_api_key = "from-file"\n')
    assert load_settings().ncbi_api_key == "from-file"
    monkeypatch.setenv("NCBI_API_KEY", "from-ncbi-env")
    assert load_settings().ncbi_api_key == "from-ncbi-env"
    monkeypatch.setenv("EVIDENCE_NCBI_API_KEY", "from-evidence-env")
    settings = load_settings()
    assert settings.ncbi_api_key == "from-evidence-env"
    assert settings.ncbi_rate == 10.0
    assert "from-evidence-env" not in repr(settings)
    shown = {name: (value, source) for name, value, source in settings.shown()}
    assert shown["ncbi_api_key"] == ("(set)", "environment")


@pytest.mark.parametrize(
    ("filename", "text", "message"),
    [
        pytest.param("project/evidence.toml", 'ncbi_api_key = "k"', "secret", id="key-in-project"),
        pytest.param("home/config.toml", 'ncbi_api_key = "k"', "secret", id="key-in-user-config"),
        pytest.param("project/evidence.toml", "colour = 1", "unknown setting", id="unknown-key"),
        pytest.param("project/evidence.toml", "timeout = ", "TOML", id="bad-toml"),
        pytest.param("project/evidence.toml", "timeout = -1", "timeout", id="negative-timeout"),
        pytest.param("project/evidence.toml", 'offline = "maybe"', "offline", id="bad-bool"),
        pytest.param("project/evidence.toml", "max_attempts = 0", "max_attempts", id="no-tries"),
    ],
)
def test_bad_configuration_is_a_config_error(
    tmp_path: Path, filename: str, text: str, message: str
) -> None:
    _write(tmp_path / filename, text)
    with pytest.raises(ConfigError, match=message):
        load_settings()


def test_base_urls_get_a_trailing_slash_and_relative_store_is_under_project(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EVIDENCE_EUTILS_BASE", "http://127.0.0.1:9/eutils")
    monkeypatch.setenv("EVIDENCE_STORE", "data/s.sqlite3")
    monkeypatch.setenv("EVIDENCE_OFFLINE", "yes")
    settings = load_settings()
    assert settings.eutils_base == "http://127.0.0.1:9/eutils/"
    assert settings.store == (tmp_path / "project").resolve() / "data" / "s.sqlite3"
    assert settings.offline is True


@pytest.mark.parametrize("name", ["zotero_base", "eutils_base", "ctgov_base"])
def test_a_project_file_cannot_say_where_keys_are_sent(tmp_path: Path, name: str) -> None:
    _write(tmp_path / "project" / "evidence.toml", f'{name} = "https://attacker.invalid/"\n')
    with pytest.raises(ConfigError, match=f"'{name}' decides where your API keys are sent"):
        load_settings()


@pytest.mark.parametrize(
    ("url", "ok"),
    [
        pytest.param("https://api.zotero.org", True, id="https"),
        pytest.param("http://127.0.0.1:8080", True, id="loopback-http"),
        pytest.param("http://api.zotero.org", False, id="plain-http"),
    ],
)
def test_endpoints_are_https_or_this_machine(
    monkeypatch: pytest.MonkeyPatch, url: str, ok: bool
) -> None:
    monkeypatch.setenv("EVIDENCE_ZOTERO_BASE", url)
    if ok:
        assert load_settings().zotero_base == url
    else:
        with pytest.raises(ConfigError, match="is not an https:// address"):
            load_settings()


@pytest.mark.parametrize(
    "url",
    ["http://localhost.evil.example", "http://127.0.0.1.nip.io", "http://localhost@evil.example/"],
)
def test_plain_http_only_to_this_machine_itself(monkeypatch: pytest.MonkeyPatch, url: str) -> None:
    monkeypatch.setenv("EVIDENCE_ZOTERO_BASE", url)
    with pytest.raises(ConfigError, match="is not an https:// address"):
        load_settings()
