"""Settings, where they come from, and where files live.

One precedence order, highest first (``load_settings`` implements it, ``Settings.sources``
records which one won for every field):

1. options given on the command line (``overrides``);
2. ``EVIDENCE_*`` environment variables;
3. the project's ``evidence.toml`` (in the project directory, the current directory by default);
4. the user's ``config.toml`` in the app directory (``EVIDENCE_HOME`` moves it);
5. built-in defaults.

Secrets (the NCBI API key) come only from the environment (``EVIDENCE_NCBI_API_KEY``,
or NCBI's usual ``NCBI_API_KEY``) or the user's ``keys.toml`` in the app directory: never from
a project file that may be committed, never into the store, logs or output.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import platformdirs

from evidence.errors import ConfigError

EUTILS_BASE = "https://eutils.ncbi.nlm.nih.gov/entrez/eutils/"
CTGOV_BASE = "https://clinicaltrials.gov/api/v2/"
PROJECT_FILE = "evidence.toml"
USER_FILE = "config.toml"
KEYS_FILE = "keys.toml"
ZOTERO_BASE = "https://api.zotero.org"
SECRET_FIELDS = frozenset({"ncbi_api_key", "zotero_api_key"})
ENDPOINT_FIELDS = frozenset({"eutils_base", "ctgov_base", "zotero_base"})
"""Where requests (and with them the API keys) go: never from a project file, https only
(plain http only to this machine, for test servers)."""
_LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})


@dataclass(frozen=True)
class Settings:
    """Every setting ``evidence`` reads, resolved once. Build it with :func:`load_settings`."""

    project_dir: Path
    home: Path
    store: Path
    references_dir: Path
    ncbi_email: str | None = None
    ncbi_api_key: str | None = field(default=None, repr=False)
    ncbi_tool: str = "evidence"
    eutils_base: str = EUTILS_BASE
    ctgov_base: str = CTGOV_BASE
    zotero_library: str | None = None
    """``user:123`` or ``group:456``: the Zotero library ``evidence zotero`` works on."""
    zotero_api_key: str | None = field(default=None, repr=False)
    zotero_base: str = ZOTERO_BASE
    offline: bool = False
    timeout: float = 30.0
    max_attempts: int = 5
    backoff_initial: float = 0.5
    backoff_max: float = 30.0
    sources: Mapping[str, str] = field(default_factory=dict, compare=False, repr=False)

    @property
    def ncbi_rate(self) -> float:
        """Requests per second NCBI allows this user: 10 with an API key, else 3."""
        return 10.0 if self.ncbi_api_key else 3.0

    def with_overrides(self, **values: Any) -> Settings:
        """A copy with some fields replaced (their source recorded as ``override``)."""
        sources = dict(self.sources)
        sources.update(dict.fromkeys(values, "override"))
        return replace(self, sources=sources, **values)

    def shown(self) -> list[tuple[str, str, str]]:
        """``(name, value, source)`` for every setting, with secrets masked."""
        rows = []
        for item in fields(self):
            if item.name == "sources":
                continue
            value = getattr(self, item.name)
            if item.name in SECRET_FIELDS and value:
                text = "(set)"
            else:
                text = "" if value is None else str(value)
            rows.append((item.name, text, self.sources.get(item.name, "default")))
        return rows


_ENV_NAMES = {
    "ncbi_email": ("EVIDENCE_NCBI_EMAIL", "NCBI_EMAIL"),
    "ncbi_api_key": ("EVIDENCE_NCBI_API_KEY", "NCBI_API_KEY"),
    "ncbi_tool": ("EVIDENCE_NCBI_TOOL",),
    "eutils_base": ("EVIDENCE_EUTILS_BASE",),
    "ctgov_base": ("EVIDENCE_CTGOV_BASE",),
    "zotero_library": ("EVIDENCE_ZOTERO_LIBRARY",),
    "zotero_api_key": ("EVIDENCE_ZOTERO_API_KEY", "ZOTERO_API_KEY"),
    "zotero_base": ("EVIDENCE_ZOTERO_BASE",),
    "store": ("EVIDENCE_STORE",),
    "references_dir": ("EVIDENCE_REFERENCES",),
    "offline": ("EVIDENCE_OFFLINE",),
    "timeout": ("EVIDENCE_TIMEOUT",),
    "max_attempts": ("EVIDENCE_MAX_ATTEMPTS",),
    "backoff_initial": ("EVIDENCE_BACKOFF_INITIAL",),
    "backoff_max": ("EVIDENCE_BACKOFF_MAX",),
}
_FILE_KEYS = frozenset(_ENV_NAMES) - SECRET_FIELDS
_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def app_dir(environ: Mapping[str, str] | None = None) -> Path:
    """The user's app directory: ``EVIDENCE_HOME`` or the platform's config directory."""
    env = os.environ if environ is None else environ
    home = env.get("EVIDENCE_HOME")
    return Path(home) if home else Path(platformdirs.user_config_dir("evidence"))


def load_settings(
    overrides: Mapping[str, Any] | None = None,
    *,
    environ: Mapping[str, str] | None = None,
    project_dir: Path | None = None,
) -> Settings:
    """Resolve every setting by the precedence order in the module docstring."""
    env = os.environ if environ is None else environ
    project = Path(project_dir or env.get("EVIDENCE_PROJECT") or Path.cwd()).resolve()
    home = app_dir(env)
    values: dict[str, Any] = {}
    sources: dict[str, str] = {}

    layers: list[tuple[str, Mapping[str, Any]]] = [
        (f"user file {home / USER_FILE}", _read_toml(home / USER_FILE, secrets_allowed=False)),
        (f"user keys {home / KEYS_FILE}", _read_toml(home / KEYS_FILE, secrets_allowed=True)),
        (
            f"project file {project / PROJECT_FILE}",
            _read_toml(project / PROJECT_FILE, secrets_allowed=False, endpoints_allowed=False),
        ),
        ("environment", _from_env(env)),
        ("command line", {k: v for k, v in (overrides or {}).items() if v is not None}),
    ]
    for source, layer in layers:
        for key, value in layer.items():
            values[key] = _coerce(key, value, source)
            sources[key] = source

    store = Path(values.pop("store", project / ".evidence" / "store.sqlite3"))
    references = Path(values.pop("references_dir", project / "references"))
    for name in ENDPOINT_FIELDS & set(values):
        url = str(values[name])
        parts = urlsplit(url)
        local = parts.scheme == "http" and parts.hostname in _LOCAL_HOSTS and not parts.username
        if not (parts.scheme == "https" and parts.hostname) and not local:
            raise ConfigError(
                f"{name} = {url!r} is not an https:// address",
                item=sources[name],
                hint="use https (plain http is allowed only to 127.0.0.1 or localhost)",
            )
    for name in ("eutils_base", "ctgov_base"):
        if name in values and not str(values[name]).endswith("/"):
            values[name] = f"{values[name]}/"
    return Settings(
        project_dir=project,
        home=home,
        store=store if store.is_absolute() else project / store,
        references_dir=references if references.is_absolute() else project / references,
        sources=sources,
        **values,
    )


def _from_env(env: Mapping[str, str]) -> dict[str, str]:
    found: dict[str, str] = {}
    for key, names in _ENV_NAMES.items():
        for name in names:
            if env.get(name):
                found[key] = env[name]
                break
    return found


def _read_toml(
    path: Path, *, secrets_allowed: bool, endpoints_allowed: bool = True
) -> dict[str, Any]:
    if not path.is_file():
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(
            f"cannot read it ({exc})", item=str(path), hint="fix the TOML syntax"
        ) from exc
    table = data.get("evidence", data)
    allowed = _FILE_KEYS | SECRET_FIELDS if secrets_allowed else _FILE_KEYS
    for key in table:
        if key in SECRET_FIELDS and not secrets_allowed:
            raise ConfigError(
                f"'{key}' is a secret and must not be in a file that may be shared",
                item=str(path),
                hint=f"move it to EVIDENCE_{key.upper()} or {KEYS_FILE} in the app directory",
            )
        if key in ENDPOINT_FIELDS and not endpoints_allowed:
            raise ConfigError(
                f"'{key}' decides where your API keys are sent and must not be in a project "
                "file that others may change",
                item=str(path),
                hint=f"set EVIDENCE_{key.upper()} or put it in {USER_FILE} in the app directory",
            )
        if key not in allowed:
            raise ConfigError(
                f"unknown setting '{key}'",
                item=str(path),
                hint=f"known settings: {', '.join(sorted(allowed))}",
            )
    return dict(table)


def _coerce(key: str, value: Any, source: str) -> Any:
    try:
        if key == "offline":
            return _to_bool(value)
        if key in ("timeout", "backoff_initial", "backoff_max"):
            number = float(value)
            if number <= 0:
                raise ValueError("must be positive")
            return number
        if key == "max_attempts":
            count = int(value)
            if count < 1:
                raise ValueError("must be at least 1")
            return count
    except (TypeError, ValueError) as exc:
        raise ConfigError(
            f"{key} = {value!r} is not valid ({exc})", item=source, hint="fix or remove it"
        ) from exc
    return str(value)


def _to_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise ValueError("use true or false")
