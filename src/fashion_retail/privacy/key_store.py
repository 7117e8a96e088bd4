"""Where the PII key comes from, and whether it is good enough.

The key hashes PII (hash_pii) and so keys the pseudonyms and the phone
substitutes: whoever holds it can test guesses against the privacy database,
so it must be secret, and it must stay the same from build to build for hashes
and pseudonyms to stay stable.

- PII_SALT set (and not empty): that key.
- Otherwise, outside production: a random key kept in the user's config
  directory ($XDG_CONFIG_HOME/fashion_retail/pii_key, or
  ~/.config/fashion_retail/pii_key), created by the first build that needs it,
  readable by the user only. Several builds may start at once: the file is
  written aside and linked into place, so every build reads the same key.
- Production (the prod target): PII_SALT only, and refused when it is short,
  whitespace, the project's former (published) development key or otherwise
  obviously weak (weakness()).

The dbt-duckdb plugin (pii_key.py) resolves the key this way; the Makefile's
Spark targets pass the same key to Spark through the environment:

    python -m fashion_retail.privacy.key_store --print-key   # the key, for PII_SALT=...
    python -m fashion_retail.privacy.key_store --path        # where the key file is
    python -m fashion_retail.privacy.key_store --check-prod  # would prod accept PII_SALT?

Nothing here needs dbt, so the Spark virtualenv imports it too.
"""

from __future__ import annotations

import errno
import os
import secrets
import stat
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from fashion_retail.arguments import OneLineParser

KEY_VARIABLE = "PII_SALT"
MIN_LENGTH = 16
MIN_DISTINCT_CHARACTERS = 8
# published in earlier versions of this project (README, pii_key.py): whoever has
# the project has these keys
PUBLIC_KEYS = frozenset({"fashion-retail-development-key-not-secret"})
# placeholders people type instead of a secret; a random key holds none of them
# (a 6-letter word turns up in a 43-character random key about once in 10^9)
PLACEHOLDER_WORDS = ("password", "passw0rd", "changeme", "change-me", "change_me",
                     "secret", "example", "placeholder", "development", "qwerty",
                     "letmein", "123456", "abcdef")
# the auto-created key: 32 random bytes, URL-safe base64 (no quote, no space:
# Spark reads the key inside a raw SQL literal)
CREATED_KEY_BYTES = 32
# how long a reader waits for a key file another build is still writing (only on
# file systems without hard links, where the file is created in place)
WAIT_FOR_WRITER_SECONDS = 5.0


class PiiKeyError(RuntimeError):
    """A key that cannot be used, with a one-line message saying why and what to do."""


@dataclass(frozen=True)
class ResolvedKey:
    key: str
    source: str          # "PII_SALT" or the key file's path
    created: bool = False


def key_file_path(environ: os._Environ | dict | None = None) -> Path:
    """$XDG_CONFIG_HOME/fashion_retail/pii_key, or ~/.config/fashion_retail/pii_key
    (XDG_CONFIG_HOME counts only when it is an absolute path, as the XDG spec says)."""
    environ = os.environ if environ is None else environ
    config = environ.get("XDG_CONFIG_HOME", "")
    base = Path(config) if config and os.path.isabs(config) else Path.home() / ".config"
    return base / "fashion_retail" / "pii_key"


def weakness(key: str) -> str | None:
    """Why production refuses the key, or None when it does not."""
    content = key.strip()
    if not content:
        return "it is empty or only whitespace"
    if "'" in key:
        return "it contains a single quote, which Spark's key hook cannot take"
    if content in PUBLIC_KEYS or content.lower() in PUBLIC_KEYS:
        return "it is the project's former development key, which is published"
    if len(content) < MIN_LENGTH:
        return f"it is shorter than {MIN_LENGTH} characters"
    if len(set(content)) < MIN_DISTINCT_CHARACTERS:
        return f"it has fewer than {MIN_DISTINCT_CHARACTERS} different characters"
    for period in range(1, len(content) // 2 + 1):
        if all(content[i] == content[i % period] for i in range(len(content))):
            return f"it repeats a pattern of {period} characters"
    steps = [ord(b) - ord(a) for a, b in zip(content, content[1:])]
    if sum(abs(step) <= 1 for step in steps) >= 0.75 * len(steps):
        return "it is mostly a run of consecutive characters"
    lowered = content.lower()
    for word in PLACEHOLDER_WORDS:
        if word in lowered:
            return f"it contains the placeholder {word!r}"
    return None


def _warn(message: str) -> None:
    print(f"fashion_retail: {message}", file=sys.stderr)


def _read(path: Path) -> str:
    """The key in the file (without its line end); waits a little for a writer
    that created the file in place and has not written it yet."""
    deadline = time.monotonic() + WAIT_FOR_WRITER_SECONDS
    while True:
        try:
            key = path.read_text(encoding="utf-8").rstrip("\r\n")
        except OSError as error:
            raise PiiKeyError(f"cannot read the PII key file {path}: {error.strerror}; "
                            f"fix its permissions or set {KEY_VARIABLE}") from None
        except UnicodeDecodeError:
            raise PiiKeyError(f"the PII key file {path} is not text: restore it from a backup, "
                            f"or delete it to create a new key (hashes and pseudonyms "
                            f"will change)") from None
        if key or time.monotonic() > deadline:
            break
        time.sleep(0.05)
    if not key.strip():
        raise PiiKeyError(f"the PII key file {path} is empty: restore it from a backup, or "
                        f"delete it to create a new key (hashes and pseudonyms will change)")
    return key


def _create(path: Path) -> bool:
    """Creates the key file unless it exists; True when this call created it.
    Written to a private temporary file beside it, then hard-linked into place,
    which fails when another build got there first: the key is never seen half
    written and never replaced."""
    try:
        folder_existed = path.parent.is_dir()
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        if not folder_existed:
            path.parent.chmod(0o700)
        key = secrets.token_urlsafe(CREATED_KEY_BYTES)
        # mkstemp creates the file readable and writable by the user only
        descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=".pii_key.",
                                                 suffix=".partial")
    except OSError as error:
        raise PiiKeyError(f"cannot create the PII key file {path}: {error.strerror}; set "
                        f"{KEY_VARIABLE}, or XDG_CONFIG_HOME to a writable folder") from None
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write(key + "\n")
            handle.flush()
            os.fsync(handle.fileno())
        try:
            os.link(temporary, path)
            return True
        except FileExistsError:
            return False
        except OSError as error:
            if error.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV):
                raise
        # no hard links here: create in place, exclusively (readers wait for the content)
        try:
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            return False
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write(key + "\n")
            handle.flush()
            os.fsync(handle.fileno())
        return True
    except OSError as error:
        raise PiiKeyError(f"cannot create the PII key file {path}: {error.strerror}; set "
                        f"{KEY_VARIABLE}, or XDG_CONFIG_HOME to a writable folder") from None
    finally:
        Path(temporary).unlink(missing_ok=True)


def resolve(require_key: bool = False, environ: os._Environ | dict | None = None,
            announce: bool = True) -> ResolvedKey:
    """The key this run hashes with (see the module's docstring). require_key:
    the production rules. announce: say on stderr when the key file is created,
    and when a key is weak or its file readable by others."""
    environ = os.environ if environ is None else environ
    key = environ.get(KEY_VARIABLE, "")
    if require_key:
        if not key:
            raise PiiKeyError(f"{KEY_VARIABLE} is not set: this target hashes PII only with a "
                            f"secret key of {MIN_LENGTH} characters or more from {KEY_VARIABLE} "
                            f"(python -c 'import secrets; print(secrets.token_urlsafe(32))')")
        reason = weakness(key)
        if reason:
            raise PiiKeyError(f"{KEY_VARIABLE} is refused for this target: {reason}; use a "
                            f"random secret (python -c 'import secrets; "
                            f"print(secrets.token_urlsafe(32))')")
        return ResolvedKey(key, KEY_VARIABLE)
    if key:
        reason = weakness(key)
        if reason and announce:
            _warn(f"{KEY_VARIABLE} is weak ({reason}): fine for a test, refused by "
                  f"--target prod")
        return ResolvedKey(key, KEY_VARIABLE)
    path = key_file_path(environ)
    created = False if path.exists() else _create(path)
    key = _read(path)
    if announce:
        if created:
            _warn(f"{KEY_VARIABLE} is not set; created a random PII key in {path} "
                  f"(readable by you only), used from now on. Keep that file: hashes and "
                  f"pseudonyms stay the same from build to build only with the same key.")
        mode = path.stat().st_mode
        if mode & (stat.S_IRWXG | stat.S_IRWXO):
            _warn(f"the PII key file {path} can be read by other users: chmod 600 {path}")
    return ResolvedKey(key, str(path), created)


def main(argv: list[str] | None = None) -> int:
    parser = OneLineParser(
        prog="python -m fashion_retail.privacy.key_store",
        description="The PII key: PII_SALT, or the user's key file (created when missing).")
    what = parser.add_mutually_exclusive_group(required=True)
    what.add_argument("--print-key", action="store_true",
                      help="print the key (for PII_SALT=\"$(...)\"; never into a file)")
    what.add_argument("--path", action="store_true", help="print the key file's path")
    what.add_argument("--check-prod", action="store_true",
                      help="exit 0 when --target prod would accept PII_SALT, else 2")
    args = parser.parse_args(argv)
    if args.path:
        print(key_file_path())
        return 0
    try:
        resolved = resolve(require_key=args.check_prod)
    except PiiKeyError as error:
        print(f"fashion_retail: {error}", file=sys.stderr)
        return 2
    if args.print_key:
        print(resolved.key)
    else:
        print(f"{KEY_VARIABLE} is accepted for --target prod")
    return 0


if __name__ == "__main__":
    sys.exit(main())
