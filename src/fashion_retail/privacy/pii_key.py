"""dbt-duckdb plugin: hands the PII hashing key to DuckDB without writing it down.

The key is resolved by key_store: PII_SALT, or (outside production) a random key
created once in the user's config directory; a target whose plugin config says
`require_key: true` (the prod target) takes PII_SALT only, and refuses a
missing, short, whitespace, published or otherwise weak key with one line. The
plugin derives HMAC's inner and outer padded keys and a noise secret from the
key in Python, and sets them as DuckDB session variables on every connection
and cursor (a prepared statement, so the values never appear in SQL text). The
anonymization macros read them with getvariable(): compiled SQL, run results
and logs under target/ and logs/ hold the variable names, never the key.
"""

from __future__ import annotations

import hashlib
import hmac
from typing import Any

from dbt.adapters.duckdb.plugins import BasePlugin

from fashion_retail.privacy import key_store

BLOCK_SIZE = 64  # SHA-256's block size, for HMAC
# the session variables the anonymization macros read (session_variable())
INNER_VARIABLE = "pii_hmac_inner"
OUTER_VARIABLE = "pii_hmac_outer"
NOISE_VARIABLE = "pii_noise_secret"


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


def session_values(key: bytes) -> dict[str, str]:
    """The session variables' values for a key."""
    inner, outer = padded_keys(key)
    return {INNER_VARIABLE: inner, OUTER_VARIABLE: outer, NOISE_VARIABLE: noise_secret(key)}


class Plugin(BasePlugin):
    def initialize(self, plugin_config: dict[str, Any]) -> None:
        resolved = key_store.resolve(require_key=bool(plugin_config.get("require_key")))
        self.key_source = resolved.source
        self._values = session_values(resolved.key.encode())

    def _set(self, conn) -> None:
        for name, value in self._values.items():
            conn.execute(f"set variable {name} = ?", [value])

    def configure_connection(self, conn) -> None:
        self._set(conn)

    def configure_cursor(self, cursor) -> None:
        self._set(cursor)
