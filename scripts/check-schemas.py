#!/usr/bin/env python3
"""Validate govctl manifests against schemas/manifest.schema.json.

Usage: scripts/check-schemas.py [DIR_OR_FILE ...]

With no argument, checks every *.yaml / *.yml under examples/ except
examples/ci (CI pipeline files, not manifests). Each document of each file is
validated; a failure prints `path: document N: error`. The last line reads
`N passed, M failed`; the exit code is 0 only when nothing failed, 1 when
something did, 2 when the check cannot run (missing module, no schema, no
manifests found).

Before the manifests, a self-check feeds the schema a few documents it must
reject (an unknown field, the slug `qa`, an inline credential value); if the
schema accepts one, that counts as a failure, so the check cannot pass
vacuously with a schema that accepts everything.

The schema checks the shape of each document only; cross-document rules
(references resolve, names unique, no mirror cycles, regexes compile) are
`govctl validate`'s job.
"""

import os
import sys

try:
    import yaml
except ImportError:
    print("check-schemas: the Python module 'yaml' (PyYAML) is missing; install it with "
          "'pip install pyyaml' or 'apt-get install python3-yaml'", file=sys.stderr)
    sys.exit(2)
try:
    import jsonschema
except ImportError:
    print("check-schemas: the Python module 'jsonschema' is missing; install it with "
          "'pip install jsonschema' or 'apt-get install python3-jsonschema'", file=sys.stderr)
    sys.exit(2)
import json
import re

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SCHEMA = os.path.join(ROOT, "schemas", "manifest.schema.json")
DEFAULT_DIR = os.path.join(ROOT, "examples")
DEFAULT_SKIP = {os.path.join(DEFAULT_DIR, "ci")}


class CoreLoader(yaml.SafeLoader):
    """SafeLoader reads YAML 1.1 (`yes`/`no`/`on`/`off` as booleans, `0777` as octal).

    govctl reads YAML 1.2 core, where those are strings, so re-register the
    implicit resolvers with the 1.2 core rules; otherwise the schema would
    judge a different document than govctl does.
    """


CoreLoader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag not in ("tag:yaml.org,2002:bool", "tag:yaml.org,2002:int",
                                                   "tag:yaml.org,2002:float", "tag:yaml.org,2002:timestamp")]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
CoreLoader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
                                 list("tTfF"))
CoreLoader.add_implicit_resolver("tag:yaml.org,2002:int", re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$"),
                                 list("-+0123456789"))
CoreLoader.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"),
    list("-+0123456789."))


def _core_int(loader, node):
    text = loader.construct_scalar(node)
    if re.match(r"^[-+]?0[0-9]+$", text):
        # govctl refuses `0777` as ambiguous; make the schema refuse it too.
        return text
    if text.startswith("0o"):
        return int(text[2:], 8)
    return int(text, 0) if text.startswith("0x") else int(text)


CoreLoader.add_constructor("tag:yaml.org,2002:int", _core_int)

# Documents the schema must reject: (what is wrong, document).
MUST_REJECT = [
    ("unknown field 'enforcmentMode'", {
        "apiVersion": "govctl/v1", "kind": "Environment", "metadata": {"slug": "staging"},
        "spec": {"name": "Staging", "enforcmentMode": "alert"}}),
    ("slug 'qa' (under 3 characters)", {
        "apiVersion": "govctl/v1", "kind": "Environment", "metadata": {"slug": "qa"},
        "spec": {"name": "QA"}}),
    ("inline credential value", {
        "apiVersion": "govctl/v1", "kind": "Credential", "metadata": {"name": "crm-token", "environment": "production"},
        "spec": {"type": "oauth_token", "value": "s3cr3t", "grants": ["sales-bot"]}}),
    ("valueFrom with both env and file", {
        "apiVersion": "govctl/v1", "kind": "Credential", "metadata": {"name": "crm-token"},
        "spec": {"type": "oauth_token", "valueFrom": {"env": "CRM_TOKEN", "file": "token.txt"}}}),
    ("policy type 'block'", {
        "apiVersion": "govctl/v1", "kind": "PolicySet", "metadata": {"name": "baseline"},
        "spec": {"policies": [{"name": "p", "type": "block", "actionPattern": "db.*"}]}}),
    ("unknown kind 'Enviroment'", {
        "apiVersion": "govctl/v1", "kind": "Enviroment", "metadata": {"slug": "staging"}, "spec": {"name": "Staging"}}),
    ("exclude without mirror", {
        "apiVersion": "govctl/v1", "kind": "Environment", "metadata": {"slug": "eu-staging"},
        "spec": {"name": "EU Staging", "exclude": ["hold-bulk-export"]}}),
    ("region missing its slug", {
        "apiVersion": "govctl/v1", "kind": "Strategy", "metadata": {"name": "regions"},
        "spec": {"type": "regional", "regions": [{"name": "EU Production", "region": "eu-west-1"}]}}),
    ("three-tier field on a team-based strategy", {
        "apiVersion": "govctl/v1", "kind": "Strategy", "metadata": {"name": "teams"},
        "spec": {"type": "team-based", "teams": [], "production": {"policySets": ["baseline"]}}}),
    ("agent without an environment", {
        "apiVersion": "govctl/v1", "kind": "Agent", "metadata": {"name": "sales-bot"}, "spec": {}}),
]


def errors_of(validator, document):
    """Every error of `document` as `where: message`, the most relevant first; empty when it is valid."""
    errors = list(validator.iter_errors(document))
    if not errors:
        return []
    best = jsonschema.exceptions.best_match(errors)
    ordered = [best] + sorted((e for e in errors if e is not best), key=lambda e: [str(p) for p in e.absolute_path])
    out = []
    for error in ordered:
        where = "/".join(str(p) for p in error.absolute_path) or "(document)"
        line = f"{where}: {error.message}"
        if line not in out:
            out.append(line)
    return out


def shown(path):
    """`path` relative to the working directory when it is under it, else absolute."""
    relative = os.path.relpath(path)
    return path if relative.startswith("..") else relative


def manifest_files(paths, skip):
    for path in paths:
        if os.path.isfile(path):
            yield path
            continue
        if not os.path.isdir(path):
            print(f"check-schemas: {path}: no such file or directory", file=sys.stderr)
            sys.exit(2)
        for dirpath, dirnames, filenames in os.walk(path):
            dirnames[:] = sorted(d for d in dirnames if os.path.join(dirpath, d) not in skip)
            for name in sorted(filenames):
                if name.endswith((".yaml", ".yml")):
                    yield os.path.join(dirpath, name)


def main(argv):
    try:
        with open(SCHEMA, encoding="utf-8") as f:
            schema = json.load(f)
    except (OSError, ValueError) as e:
        print(f"check-schemas: cannot read {SCHEMA}: {e}", file=sys.stderr)
        return 2
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)

    passed = failed = 0

    # The self-check: every one of these must be rejected.
    rejected = 0
    for what, document in MUST_REJECT:
        if not errors_of(validator, document):
            print(f"self-check: the schema accepts a bad document ({what})")
            failed += 1
        else:
            rejected += 1

    paths = [os.path.abspath(p) for p in argv] or [DEFAULT_DIR]
    files = list(manifest_files(paths, set() if argv else DEFAULT_SKIP))
    if not files:
        print(f"check-schemas: no *.yaml or *.yml files under {', '.join(argv) or DEFAULT_DIR}", file=sys.stderr)
        return 2
    documents = 0
    for path in files:
        try:
            with open(path, encoding="utf-8") as f:
                loaded = list(yaml.load_all(f, Loader=CoreLoader))
        except (OSError, UnicodeDecodeError, yaml.YAMLError) as e:
            print(f"{shown(path)}: {' '.join(str(e).split())}")
            failed += 1
            continue
        for index, document in enumerate(loaded, start=1):
            if document is None:  # an empty document (a stray ---), as govctl skips it
                continue
            documents += 1
            errors = errors_of(validator, document)
            if not errors:
                passed += 1
                continue
            failed += 1
            for error in errors:
                print(f"{shown(path)}: document {index}: {error}")

    print(f"self-check: {rejected} of {len(MUST_REJECT)} bad documents rejected; "
          f"{documents} manifest documents in {len(files)} files")
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
