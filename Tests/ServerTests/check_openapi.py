"""Checks real responses against schemas/openapi.yaml: the spec must validate as OpenAPI 3.1 (when
openapi-spec-validator is installed), and every case's body
must match the schema its JSON pointer names (such as #/components/responses/Environment/content/application~1json/schema).

Usage: python3 check_openapi.py SPEC CASES   (CASES: a JSON list of {"name", "ref", "body"}); exit 0 when all match.
"""
import json
import sys

import jsonschema
import yaml

try:
    from openapi_spec_validator import validate
except ImportError:  # CI installs only jsonschema and PyYAML; the responses are still checked.
    validate = None


def main() -> int:
    spec = yaml.safe_load(open(sys.argv[1], encoding="utf-8"))
    if validate is not None:
        validate(spec)
    else:
        print("note: openapi-spec-validator is not installed; the spec itself was not validated", file=sys.stderr)
    failures = 0
    for case in json.load(open(sys.argv[2], encoding="utf-8")):
        root = {"$ref": case["ref"], "components": spec["components"]}
        errors = list(jsonschema.Draft202012Validator(root).iter_errors(case["body"]))
        for error in errors:
            failures += 1
            path = "/".join(str(p) for p in error.absolute_path)
            print(f"{case['name']}: {path or '(root)'}: {error.message}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
