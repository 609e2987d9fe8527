"""Schemathesis hooks for govctl's property-based API test (Tests/ServerTests/APIPropertyTests.swift).

Idempotency keys are state: the same key with another body is 422 by design (the IETF draft's rule), which a
generator that draws "0" for every request would hit at once. A well-formed key is made unique per request, so
every generated case still tests what it was drawn for; a malformed one is sent as drawn.
"""
import itertools

import schemathesis

_counter = itertools.count()


def _well_formed(value):
    return isinstance(value, str) and 1 <= len(value.encode()) <= 255 and value == value.strip() \
        and all(0x20 <= ord(c) < 0x7f for c in value)


@schemathesis.hook
def before_call(ctx, case, kwargs):
    headers = case.headers or {}
    key = headers.get("Idempotency-Key")
    if _well_formed(key):
        # The counter replaces the tail of a long key, so a unique key still fits the 255-byte bound.
        suffix = f"-{next(_counter)}"
        headers["Idempotency-Key"] = key[:255 - len(suffix)] + suffix
