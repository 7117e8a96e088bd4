"""dbt-duckdb plugin: hands the PII hashing key to DuckDB without writing it down.

The key comes from the PII_SALT environment variable. The plugin derives HMAC's
inner and outer padded keys and a noise secret from it in Python, and sets them
as DuckDB session variables on every connection and cursor (a prepared
statement, so the values never appear in SQL text). The anonymization macros
read them with getvariable(): compiled SQL, run results and logs under target/
and logs/ hold the variable names, never the key.

Without PII_SALT, a documented development key is used with a warning; a target
whose plugin config says `require_key: true` (the prod target) refuses to run.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import sys
from typing import Any

from dbt.adapters.duckdb.plugins import BasePlugin

KEY_VARIABLE = "PII_SALT"
# public and documented: development data only, never production
DEVELOPMENT_KEY = "fashion-retail-development-key-not-secret"
BLOCK_SIZE = 64  # SHA-256's block size, for HMAC


class MissingKeyError(RuntimeError):
    pass


def padded_keys(key: bytes) -> tuple[str, str]:
    """HMAC-SHA256's (key XOR ipad, key XOR opad), hex encoded (RFC 2104)."""
    if len(key) > BLOCK_SIZE:
        key = hashlib.sha256(key).digest()
    block = key.ljust(BLOCK_SIZE, b"\0")
    return (bytes(b ^ 0x36 for b in block).hex(), bytes(b ^ 0x5C for b in block).hex())


def noise_secret(key: bytes) -> str:
    """The phone-noise secret: 128 bits of HMAC-SHA256(key, label), as 32 hex
    characters. Short enough that secret, separator and record key fit MD5's
    one 64-byte block (add_phone_noise hashes them once per row)."""
    return hmac.new(key, b"fashion_retail/phone-noise", hashlib.sha256).hexdigest()[:32]


class Plugin(BasePlugin):
    def initialize(self, plugin_config: dict[str, Any]) -> None:
        key = os.environ.get(KEY_VARIABLE, "")
        self.is_development_key = not key
        if not key:
            if plugin_config.get("require_key"):
                raise MissingKeyError(
                    f"{KEY_VARIABLE} is not set: this target will not hash PII with the "
                    "development key. Set it to a secret of 16 characters or more.")
            key = DEVELOPMENT_KEY
        elif len(key) < 16 and plugin_config.get("require_key"):
            raise MissingKeyError(f"{KEY_VARIABLE} is too short: use 16 characters or more.")
        raw = key.encode()
        self._inner, self._outer = padded_keys(raw)
        self._noise = noise_secret(raw)
        if self.is_development_key:
            print(f"fashion_retail: {KEY_VARIABLE} is not set; hashing PII with the "
                  "documented development key (fine for dev, never for shared data)",
                  file=sys.stderr)

    def _set(self, conn) -> None:
        conn.execute("set variable pii_hmac_inner = ?", [self._inner])
        conn.execute("set variable pii_hmac_outer = ?", [self._outer])
        conn.execute("set variable pii_noise_secret = ?", [self._noise])

    def configure_connection(self, conn) -> None:
        self._set(conn)

    def configure_cursor(self, cursor) -> None:
        self._set(cursor)
