"""Schemathesis hooks for govctl's property-based API test (Tests/ServerTests/APIPropertyTests.swift).

Idempotency keys are state: the same key with another body is 422 by design (the IETF draft's rule), which a
generator that draws "0" for every request would hit at once. A well-formed key is made unique per request, so
every generated case still tests what it was drawn for; a malformed one is sent as drawn.
"""
import itertools

import schemathesis

_counter = itertools.count()


def _well_formed(value):
    return isinstance(value, str) and 1 <= len(value.encode()) <= 200 and value == value.strip() \
        and all(0x20 <= ord(c) < 0x7f for c in value)


@schemathesis.hook
def before_call(ctx, case, kwargs):
    headers = case.headers or {}
    if _well_formed(headers.get("Idempotency-Key")):
        headers["Idempotency-Key"] = f"{headers['Idempotency-Key']}-{next(_counter)}"
