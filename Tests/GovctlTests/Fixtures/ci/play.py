#!/usr/bin/env python3
"""Plays one job of a CI recipe on this machine, the way GitHub Actions or GitLab CI would run it.

  play.py github WORKFLOW.yml --job NAME --event EVENT [--ref REF] --workdir DIR
          [--env K=V ...] [--secret K=V ...] [--action-input K=V ...] [--report OUT.json] [--artifacts-dir DIR]
  play.py gitlab GITLAB.yml --job NAME --source push|merge_request_event|schedule --branch B --workdir DIR
          [--env K=V ...] [--secret K=V ...] [--report OUT.json] [--artifacts-dir DIR] [--cache-dir DIR]

The workdir is the checkout (a git repository). Steps' output goes to this program's stderr, each line
prefixed with the step's name and secrets masked as the runners mask them. The report (JSON) says
{"ran", "status", "steps": [{"name", "id", "outcome", "exitCode", "outputs", "log", "secretsInLog"}],
"comment", "artifacts", "cacheKeys", "summary"}; "ran" is false (and "status" "skipped") when the job's
if:/rules: leave it out. Exit 0 whenever the job was played to its end, whatever its outcome (that is in the
report); 3 when the recipe uses something this player does not understand, or on the player's own error:
a recipe must not depend on anything the tests cannot check.

GitHub: the job's `if:`, then each step as the runner would: `run:` with the step's shell (`bash` is
`bash --noprofile --norc -eo pipefail {0}`; no shell anywhere is the runner's `bash -e {0}`), env of the
workflow, the job, $GITHUB_ENV and the step (then --env, which wins, so a test can point a recipe at a
local endpoint), per-step $GITHUB_OUTPUT/$GITHUB_ENV/$GITHUB_PATH/$GITHUB_STEP_SUMMARY files, `if:`
(success() unless always() is named), `continue-on-error`, `timeout-minutes`. `uses:` is understood for
actions/checkout (nothing to do), */govctl (the composite action.yml of this repository, with its inputs
from the action's defaults, the step's `with:` and then --action-input), actions/cache (records the key),
marocchino/sticky-pull-request-comment (the body, refused over GitHub's 65,536 characters) and
actions/upload-artifact (every path must exist); anything else is an error. Expressions: `${{ secrets.N }}`,
`${{ runner.temp }}`, `${{ github.A.B… }}`, `${{ steps.ID.outputs.N }}`, `${{ inputs.N }}`, `${{ env.N }}`
(and `runner.os`/`runner.arch` inside the action); in `if:` comparisons `==` of github.event_name,
github.ref, steps.ID.outputs.N or inputs.N with a '…' string, `&&`, `||` and always(). Every expression in
the whole file is checked before anything runs.

GitLab: `extends` is merged (hashes deeply, lists replaced), `rules:` with `if:` of `$VAR == "…"` /
`$VAR != "…"` joined by `&&` / `||` and `when: never|on_success|always`; before_script and script run in ONE
bash (`set -eo pipefail`), as the runner runs them (so a line may set a variable or PATH for the next);
each line is a step of the report, the first failing one ends the job; variables are the predefined ones,
then the file's (global, then the job's, with $VAR expanded), then --env (project variables win over the
file's, as in GitLab). CI_COMMIT_BRANCH is unset in merge request pipelines, as in GitLab.
artifacts:paths must exist when the job succeeded; with --cache-dir, cache:paths are restored before and
saved after a successful job, keyed by cache:key.
"""

import argparse
import glob
import json
import os
import platform
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import threading

import yaml

REPO_ROOT = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", ".."))
GITHUB_COMMENT_LIMIT = 65536
DEFAULT_TIMEOUT_MINUTES = 10
NAME = r"[A-Za-z_][A-Za-z0-9_-]*"


class RecipeError(Exception):
    """Something the player does not understand: exit 3."""


def log(message):
    sys.stderr.write(f"play: {message}\n")
    sys.stderr.flush()


def key_values(pairs, what):
    result = {}
    for pair in pairs or []:
        if "=" not in pair:
            raise RecipeError(f"{what} {pair!r} is not K=V")
        k, v = pair.split("=", 1)
        result[k] = v
    return result


def git_sha(workdir):
    try:
        return subprocess.run(["git", "rev-parse", "HEAD"], cwd=workdir, capture_output=True, text=True,
                              check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        raise RecipeError(f"{workdir} is not a git checkout with a commit (git rev-parse HEAD failed)")


def scalar(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return ""
    if isinstance(value, (int, float, str)):
        return str(value)
    raise RecipeError(f"expected a scalar, got {value!r}")


class Masker:
    """Hides secret values in what a step prints, as the runners do."""

    def __init__(self, secrets):
        self.named = {k: v for k, v in secrets.items() if v}
        self.extra = set()

    def values(self):
        return sorted(set(self.named.values()) | self.extra, key=len, reverse=True)

    def mask(self, text):
        for value in self.values():
            text = text.replace(value, "***")
        return text

    def leaked(self, raw):
        return sorted(k for k, v in self.named.items() if v in raw)


def run_process(argv, cwd, env, label, masker, timeout, stdin_text=None, add_mask=False):
    """Runs argv, streaming its output (masked) to stderr; returns (exit code, masked log, raw log)."""
    proc = subprocess.Popen(argv, cwd=cwd, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, start_new_session=True)
    timed_out = []

    def kill():
        timed_out.append(True)
        try:
            os.killpg(proc.pid, 9)
        except ProcessLookupError:
            pass

    timer = threading.Timer(timeout, kill)
    timer.start()
    raw, shown = [], []
    try:
        for chunk in proc.stdout:
            line = chunk.decode("utf-8", errors="replace")
            if add_mask and line.startswith("::add-mask::"):
                value = line[len("::add-mask::"):].rstrip("\r\n")
                if value:
                    masker.extra.add(value)
                continue
            raw.append(line)
            masked = masker.mask(line)
            shown.append(masked)
            sys.stderr.write(f"[{label}] {masked}" if masked.endswith("\n") else f"[{label}] {masked}\n")
            sys.stderr.flush()
        code = proc.wait()
    finally:
        timer.cancel()
    if timed_out:
        shown.append(f"play: timed out after {timeout:.0f} s\n")
        log(f"[{label}] timed out after {timeout:.0f} s")
        code = code if code else 124
    return code, "".join(shown), "".join(raw)


# ---------------------------------------------------------------- GitHub expressions

VALUE_FORMS = [
    ("secrets", re.compile(rf"secrets\.({NAME})")),
    ("runner", re.compile(r"runner\.(temp|os|arch)")),
    ("github", re.compile(rf"github((?:\.{NAME})+)")),
    ("steps", re.compile(rf"steps\.({NAME})\.outputs\.({NAME})")),
    ("inputs", re.compile(rf"inputs\.({NAME})")),
    ("env", re.compile(rf"env\.({NAME})")),
]
EXPRESSION = re.compile(r"\$\{\{(.*?)\}\}", re.S)


class Context:
    """What expressions see: one per workflow job, one per composite action."""

    def __init__(self, where, github, runner, secrets, step_ids, inputs=None, in_action=False):
        self.where = where
        self.github = github
        self.runner = runner
        self.secrets = secrets
        self.step_ids = step_ids
        self.outputs = {}
        self.inputs = inputs
        self.in_action = in_action
        self.env = {}

    def value_form(self, text):
        """Returns (kind, match) when text is a known value form, else raises."""
        inner = text.strip()
        for kind, pattern in VALUE_FORMS:
            m = pattern.fullmatch(inner)
            if m:
                if kind == "runner" and m.group(1) != "temp" and not self.in_action:
                    break
                if kind == "secrets" and self.in_action:
                    raise RecipeError(f"{self.where}: secrets are not available in a composite action: ${{{{{text}}}}}")
                if kind == "inputs" and self.inputs is None:
                    raise RecipeError(f"{self.where}: no inputs here: ${{{{{text}}}}}")
                if kind == "steps" and m.group(1) not in self.step_ids:
                    raise RecipeError(f"{self.where}: no step with id {m.group(1)!r}: ${{{{{text}}}}}")
                if kind == "inputs" and m.group(1) not in self.inputs:
                    raise RecipeError(f"{self.where}: no input {m.group(1)!r}: ${{{{{text}}}}}")
                return kind, m
        raise RecipeError(f"{self.where}: expression the player does not understand: ${{{{{text}}}}}")

    def value(self, text):
        kind, m = self.value_form(text)
        if kind == "secrets":
            return self.secrets.get(m.group(1), "")
        if kind == "runner":
            return self.runner[m.group(1)]
        if kind == "github":
            node = self.github
            for part in m.group(1).strip(".").split("."):
                if not isinstance(node, dict) or part not in node:
                    raise RecipeError(f"{self.where}: github{m.group(1)} is not in the played github context")
                node = node[part]
            return scalar(node)
        if kind == "steps":
            return self.outputs.get(m.group(1), {}).get(m.group(2), "")
        if kind == "inputs":
            return scalar(self.inputs[m.group(1)])
        return self.env.get(m.group(1), "")

    def substitute(self, value):
        if isinstance(value, str):
            return EXPRESSION.sub(lambda m: self.value(m.group(1)), value)
        return scalar(value)

    def check_strings(self, node):
        """Checks every ${{ }} in a YAML tree (not `if:` keys, which are conditions)."""
        if isinstance(node, dict):
            for k, v in node.items():
                if k == "if":
                    self.check_condition(v)
                else:
                    self.check_strings(v)
        elif isinstance(node, list):
            for v in node:
                self.check_strings(v)
        elif isinstance(node, str):
            for m in EXPRESSION.finditer(node):
                self.value_form(m.group(1))

    # Conditions: or := and ('||' and)* ; and := atom ('&&' atom)* ; atom := always() | REF == 'literal'
    TOKEN = re.compile(r"\s*(?:(\|\||&&|==)|(always\(\))|'((?:[^']|'')*)'|([A-Za-z_][A-Za-z0-9_.-]*))")
    CONDITION_REFS = [re.compile(r"github\.(event_name|ref)"), re.compile(rf"steps\.({NAME})\.outputs\.({NAME})"),
                      re.compile(rf"inputs\.({NAME})")]

    def tokens(self, text):
        text = text.strip()
        m = re.fullmatch(r"\$\{\{(.*)\}\}", text, re.S)
        if m:
            text = m.group(1).strip()
        out, pos = [], 0
        while pos < len(text):
            m = self.TOKEN.match(text, pos)
            if not m or m.end() == pos:
                raise RecipeError(f"{self.where}: condition the player does not understand: {text!r}")
            if m.group(1):
                out.append(("op", m.group(1)))
            elif m.group(2):
                out.append(("always", None))
            elif m.group(3) is not None:
                out.append(("str", m.group(3).replace("''", "'")))
            else:
                ref = m.group(4)
                if not any(p.fullmatch(ref) for p in self.CONDITION_REFS):
                    raise RecipeError(f"{self.where}: condition the player does not understand: {text!r} ({ref})")
                out.append(("ref", ref))
            pos = m.end()
            while pos < len(text) and text[pos].isspace():
                pos += 1
        return out, text

    def condition(self, text, status_ok, evaluate=True):
        """Evaluates an if: (or only checks it, when evaluate is False)."""
        toks, shown = self.tokens(scalar(text))
        pos = [0]

        def peek():
            return toks[pos[0]] if pos[0] < len(toks) else (None, None)

        def take(kind, value=None):
            t = peek()
            if t[0] != kind or (value is not None and t[1] != value):
                raise RecipeError(f"{self.where}: condition the player does not understand: {shown!r}")
            pos[0] += 1
            return t

        def atom():
            if peek()[0] == "always":
                take("always")
                return True
            ref = take("ref")[1]
            take("op", "==")
            literal = take("str")[1]
            return (self.ref_value(ref) if evaluate else "") == literal

        def conj():
            v = atom()
            while peek() == ("op", "&&"):
                take("op")
                v = atom() and v
            return v

        def disj():
            v = conj()
            while peek() == ("op", "||"):
                take("op")
                v = conj() or v
            return v

        result = disj()
        if pos[0] != len(toks):
            raise RecipeError(f"{self.where}: condition the player does not understand: {shown!r}")
        uses_always = any(t[0] == "always" for t in toks)
        return result if uses_always else (status_ok and result)

    def check_condition(self, text):
        for kind, ref in self.tokens(scalar(text))[0]:
            if kind == "ref":
                self.value_form(ref)
        self.condition(text, True, evaluate=False)

    def ref_value(self, ref):
        return self.value(ref)


# ---------------------------------------------------------------- GitHub jobs

def parse_file_commands(path, what):
    """Parses a $GITHUB_OUTPUT / $GITHUB_ENV file: name=value lines and name<<DELIM heredocs."""
    with open(path, encoding="utf-8", errors="replace") as f:
        lines = f.read().split("\n")
    result, i = {}, 0
    while i < len(lines):
        line = lines[i].rstrip("\r")
        i += 1
        if not line.strip():
            continue
        heredoc = line.find("<<")
        equals = line.find("=")
        if heredoc > 0 and (equals < 0 or heredoc < equals):
            name, delimiter = line[:heredoc], line[heredoc + 2:]
            value = []
            while i < len(lines) and lines[i].rstrip("\r") != delimiter:
                value.append(lines[i].rstrip("\r"))
                i += 1
            if i >= len(lines):
                raise ValueError(f"{what}: matching delimiter not found: {delimiter!r}")
            i += 1
            result[name] = "\n".join(value)
        elif equals > 0:
            result[line[:equals]] = line[equals + 1:]
        else:
            raise ValueError(f"{what}: invalid line: {line!r}")
    return result


class GitHubJob:
    def __init__(self, args):
        self.args = args
        self.workdir = os.path.abspath(args.workdir)
        with open(args.file) as f:
            self.workflow = yaml.safe_load(f)
        jobs = self.workflow.get("jobs") or {}
        if args.job not in jobs:
            raise RecipeError(f"{args.file}: no job {args.job!r} (jobs: {', '.join(jobs)})")
        self.job = jobs[args.job]
        self.secrets = key_values(args.secret, "--secret")
        self.cli_env = key_values(args.env, "--env")
        for k in ("GITHUB_OUTPUT", "GITHUB_ENV", "GITHUB_PATH", "GITHUB_STEP_SUMMARY", "RUNNER_TEMP"):
            if k in self.cli_env:
                raise RecipeError(f"--env {k} is the player's to set")
        self.action_inputs = key_values(args.action_input, "--action-input")
        self.masker = Masker(self.secrets)
        self.run_dir = tempfile.mkdtemp(prefix="play-github-")
        self.runner_temp = os.path.join(self.run_dir, "temp")
        os.makedirs(self.runner_temp)
        self.github_env = {}
        self.path_prefix = []
        self.summary = []
        self.comment = None
        self.artifacts = []
        self.cache_keys = []
        self.counter = 0
        self.base = self.base_env()
        self.github = self.github_context()
        arch = {"x86_64": "X64", "aarch64": "ARM64", "arm64": "ARM64", "armv7l": "ARM", "i686": "X86"}
        self.runner = {"temp": self.runner_temp, "os": "Linux", "arch": arch.get(platform.machine(), "X64")}

    def base_env(self):
        env = {k: os.environ[k] for k in ("PATH", "HOME", "LANG", "LC_ALL", "LC_CTYPE", "TMPDIR", "USER",
                                         "LOGNAME", "TZ") if k in os.environ}
        event, sha = self.args.event, git_sha(self.workdir)
        ref = self.args.ref or {"pull_request": "refs/pull/1/merge"}.get(event, "refs/heads/main")
        env.update({
            "CI": "true", "GITHUB_ACTIONS": "true", "GITHUB_WORKSPACE": self.workdir, "GITHUB_EVENT_NAME": event,
            "GITHUB_REF": ref, "GITHUB_REF_NAME": ref.split("/", 2)[-1], "GITHUB_SHA": sha,
            "GITHUB_RUN_ID": "4242", "GITHUB_RUN_NUMBER": "1", "GITHUB_RUN_ATTEMPT": "1",
            "GITHUB_SERVER_URL": "https://github.com", "GITHUB_API_URL": "https://api.github.com",
            "GITHUB_REPOSITORY": "example/governance", "GITHUB_REPOSITORY_OWNER": "example",
            "GITHUB_ACTOR": "player", "GITHUB_JOB": self.args.job, "GITHUB_WORKFLOW": str(self.workflow.get("name", "")),
            "RUNNER_TEMP": self.runner_temp, "RUNNER_TOOL_CACHE": os.path.join(self.run_dir, "tool-cache"),
            "RUNNER_OS": "Linux", "RUNNER_NAME": "play", "RUNNER_ARCH": "X64" if platform.machine() == "x86_64" else "ARM64",
        })
        # A test may pin the run's identity (GITHUB_RUN_ID, …) or share RUNNER_TOOL_CACHE between runs.
        env.update({k: v for k, v in self.cli_env.items() if k.startswith(("GITHUB_", "RUNNER_"))})
        payload = self.event_payload(env)
        env["GITHUB_EVENT_PATH"] = os.path.join(self.run_dir, "event.json")
        with open(env["GITHUB_EVENT_PATH"], "w") as f:
            json.dump(payload, f)
        self.payload = payload
        return env

    def event_payload(self, env):
        sha, event = env["GITHUB_SHA"], env["GITHUB_EVENT_NAME"]
        if event == "pull_request":
            return {"number": 1, "pull_request": {"number": 1, "head": {"sha": sha, "ref": "change"},
                                                  "base": {"ref": "main"}}}
        if event == "push":
            return {"ref": env["GITHUB_REF"], "after": sha, "head_commit": {"id": sha}}
        if event == "schedule":
            return {"schedule": "17 3 * * *"}
        return {"inputs": {}}

    def github_context(self):
        e = self.base
        return {"event_name": e["GITHUB_EVENT_NAME"], "ref": e["GITHUB_REF"], "ref_name": e["GITHUB_REF_NAME"],
                "sha": e["GITHUB_SHA"], "run_id": e["GITHUB_RUN_ID"], "run_number": e["GITHUB_RUN_NUMBER"],
                "server_url": e["GITHUB_SERVER_URL"], "api_url": e["GITHUB_API_URL"],
                "repository": e["GITHUB_REPOSITORY"], "repository_owner": e["GITHUB_REPOSITORY_OWNER"],
                "actor": e["GITHUB_ACTOR"], "workspace": e["GITHUB_WORKSPACE"], "job": e["GITHUB_JOB"],
                "workflow": e["GITHUB_WORKFLOW"], "event": self.payload}

    def context(self, where, steps, inputs=None, in_action=False):
        ids = {s["id"] for s in steps if isinstance(s, dict) and "id" in s}
        return Context(where, self.github, self.runner, self.secrets, ids, inputs, in_action)

    def check_all(self):
        """Every expression of every job, before anything runs."""
        Context("workflow env", self.github, self.runner, self.secrets, set()).check_strings(self.workflow.get("env") or {})
        for name, job in (self.workflow.get("jobs") or {}).items():
            ctx = self.context(f"job {name}", job.get("steps") or [])
            ctx.check_strings(job)

    def play(self):
        self.check_all()
        job_ctx = self.context(f"job {self.args.job}", self.job.get("steps") or [])
        if "if" in self.job and not job_ctx.condition(self.job["if"], True):
            return {"ran": False, "status": "skipped", "steps": [], "comment": None, "artifacts": [],
                    "cacheKeys": [], "summary": ""}
        if "strategy" in self.job or "container" in self.job or "services" in self.job or "uses" in self.job:
            raise RecipeError(f"job {self.args.job}: strategy/container/services/reusable workflows are not played")
        shell = ((self.job.get("defaults") or {}).get("run") or {}).get("shell") \
            or ((self.workflow.get("defaults") or {}).get("run") or {}).get("shell")
        yaml_env = [(self.workflow.get("env") or {}, False), (self.job.get("env") or {}, False)]
        results, ok = self.run_steps(self.job.get("steps") or [], job_ctx, yaml_env, shell, {}, action=None)
        return {"ran": True, "status": "success" if ok else "failure", "steps": results, "comment": self.comment,
                "artifacts": self.artifacts, "cacheKeys": self.cache_keys, "summary": "".join(self.summary)}

    def step_env(self, ctx, layers, step_env, extra):
        ctx.env = {}
        for layer, evaluated in layers:
            for k, v in layer.items():
                ctx.env[k] = v if evaluated else ctx.substitute(v)
        ctx.env.update(self.github_env)
        for k, v in (step_env or {}).items():
            ctx.env[k] = ctx.substitute(v)
        ctx.env.update(self.cli_env)
        env = dict(self.base)
        env.update(extra)
        env.update(ctx.env)
        env["PATH"] = os.pathsep.join(self.path_prefix + [env.get("PATH", os.defpath)])
        return env

    def run_steps(self, steps, ctx, layers, default_shell, extra, action):
        results, ok = [], True
        for index, step in enumerate(steps):
            name = step.get("name") or (f"Run {step['uses']}" if "uses" in step
                                        else "Run " + str(step.get("run", "")).strip().split("\n")[0])
            name = ctx.substitute(name) if isinstance(name, str) else str(name)
            entry = {"name": name, "id": step.get("id"), "outcome": "skipped", "exitCode": None, "outputs": {},
                     "log": "", "secretsInLog": []}
            results.append(entry)
            # Without a status function GitHub adds success(): a step runs only while all before it passed.
            if not (ctx.condition(step["if"], ok) if "if" in step else ok):
                log(f"[{name}] skipped")
                continue
            env = self.step_env(ctx, layers, step.get("env"), extra)
            outcome, code, outputs = self.run_step(step, name, ctx, env, default_shell, entry, action)
            entry.update(outcome=outcome, exitCode=code, outputs=outputs)
            if step.get("id"):
                ctx.outputs[step["id"]] = outputs
            if outcome == "failure" and not step.get("continue-on-error"):
                ok = False
        return results, ok

    def run_step(self, step, name, ctx, env, default_shell, entry, action):
        files = {}
        self.counter += 1
        for var in ("GITHUB_OUTPUT", "GITHUB_ENV", "GITHUB_PATH", "GITHUB_STEP_SUMMARY"):
            files[var] = os.path.join(self.run_dir, f"{var.lower()}-{self.counter}")
            open(files[var], "w").close()
            env[var] = files[var]
        if "run" in step:
            code, message = self.run_script(step, name, ctx, env, default_shell, entry, action)
        elif "uses" in step:
            code, message = self.run_uses(step, name, ctx, env, entry)
        else:
            raise RecipeError(f"step {name!r} has neither run nor uses")
        outputs = {}
        try:
            outputs = parse_file_commands(files["GITHUB_OUTPUT"], "GITHUB_OUTPUT")
            self.github_env.update(parse_file_commands(files["GITHUB_ENV"], "GITHUB_ENV"))
        except ValueError as e:
            code, message = code or 1, str(e)
        outputs.update(entry.pop("_outputs", {}))
        with open(files["GITHUB_PATH"]) as f:
            for line in f.read().splitlines():
                if line.strip():
                    self.path_prefix.insert(0, line.strip())
        with open(files["GITHUB_STEP_SUMMARY"]) as f:
            self.summary.append(f.read())
        if message:
            log(f"[{name}] {message}")
            entry["message"] = message
        return ("success" if code == 0 else "failure"), code, outputs

    def run_script(self, step, name, ctx, env, default_shell, entry, action):
        shell = step.get("shell") or default_shell
        if action is not None and not step.get("shell"):
            raise RecipeError(f"{action}: step {name!r}: a composite action's run step needs shell:")
        script = ctx.substitute(step["run"])
        path = os.path.join(self.run_dir, f"step-{self.counter}.sh")
        with open(path, "w") as f:
            f.write(script)
        if shell is None:
            argv = ["bash", "-e", path]
        elif shell == "bash":
            argv = ["bash", "--noprofile", "--norc", "-eo", "pipefail", path]
        elif shell == "sh":
            argv = ["sh", "-e", path]
        else:
            raise RecipeError(f"step {name!r}: shell {shell!r} is not played")
        cwd = self.workdir
        if step.get("working-directory"):
            cwd = os.path.join(self.workdir, ctx.substitute(step["working-directory"]))
        timeout = 60 * float(step.get("timeout-minutes", DEFAULT_TIMEOUT_MINUTES))
        code, shown, raw = run_process(argv, cwd, env, name, self.masker, timeout, add_mask=True)
        entry["log"] = shown
        entry["secretsInLog"] = self.masker.leaked(raw)
        return code, None

    def with_inputs(self, step, ctx):
        return {k: ctx.substitute(v) for k, v in (step.get("with") or {}).items()}

    def run_uses(self, step, name, ctx, env, entry):
        uses = step["uses"]
        m = re.fullmatch(r"([^/@]+)/([^/@]+)(/[^@]*)?@(.+)", uses)
        if not m:
            raise RecipeError(f"step {name!r}: uses {uses!r} is not played")
        owner, repo, ref = m.group(1), m.group(2), m.group(4)
        inputs = self.with_inputs(step, ctx)
        if (owner, repo) == ("actions", "checkout"):
            return 0, None
        if repo == "govctl" and not m.group(3):
            return self.run_action(step, name, ctx, env, inputs, f"{owner}/{repo}", ref, entry)
        if (owner, repo) == ("actions", "cache"):
            if not inputs.get("key") or not inputs.get("path"):
                return 1, "actions/cache needs key and path"
            self.cache_keys.append(inputs["key"])
            entry["_outputs"] = {"cache-hit": "false"}
            return 0, None
        if (owner, repo) == ("marocchino", "sticky-pull-request-comment"):
            return self.sticky_comment(inputs)
        if (owner, repo) == ("actions", "upload-artifact"):
            return self.upload_artifact(inputs)
        raise RecipeError(f"step {name!r}: uses {uses!r} is not played")

    def sticky_comment(self, inputs):
        if inputs.get("path"):
            path = os.path.join(self.workdir, inputs["path"])
            if not os.path.isfile(path):
                return 1, f"sticky comment: no such file: {inputs['path']}"
            with open(path, encoding="utf-8", errors="replace") as f:
                body = f.read()
        elif inputs.get("message"):
            body = inputs["message"]
        else:
            return 1, "sticky comment: neither path nor message"
        # The action appends its header marker to the body; GitHub counts the whole body.
        marker = f"\n<!-- Sticky Pull Request Comment{inputs.get('header', '')} -->"
        if len(body) + len(marker) > GITHUB_COMMENT_LIMIT:
            return 1, (f"sticky comment: body of {len(body) + len(marker)} characters is over GitHub's limit "
                       f"of {GITHUB_COMMENT_LIMIT}")
        self.comment = body
        return 0, None

    def upload_artifact(self, inputs):
        name = inputs.get("name") or "artifact"
        lines = [l.strip() for l in inputs.get("path", "").splitlines() if l.strip() and not l.strip().startswith("!")]
        if not lines:
            return 1, "upload-artifact: no path"
        missing = []
        for line in lines:
            full = os.path.join(self.workdir, line)
            files = sorted(glob.glob(full, recursive=True)) if glob.has_magic(line) else ([full] if os.path.exists(full) else [])
            if not files:
                missing.append(line)
                continue
            copied = [self.keep_artifact(name, f) for f in files]
            self.artifacts.append({"name": name, "path": line, "files": copied})
        if missing:
            return 1, f"upload-artifact {name}: no such file: {', '.join(missing)}"
        return 0, None

    def keep_artifact(self, name, path):
        if not self.args.artifacts_dir:
            return path
        dest = os.path.join(self.args.artifacts_dir, name, os.path.basename(path))
        os.makedirs(os.path.dirname(dest), exist_ok=True)
        (shutil.copytree if os.path.isdir(path) else shutil.copy2)(path, dest)
        return dest

    def run_action(self, step, name, outer, env, given, repository, ref, entry):
        path = os.path.join(REPO_ROOT, "action.yml")
        with open(path) as f:
            action = yaml.safe_load(f)
        where = "action.yml"
        runs = action.get("runs") or {}
        if runs.get("using") != "composite":
            raise RecipeError(f"{where}: only composite actions are played")
        declared = action.get("inputs") or {}
        inputs = {k: scalar((v or {}).get("default", "")) for k, v in declared.items()}
        for source, values in (("with", given), ("--action-input", self.action_inputs)):
            for k, v in values.items():
                if k not in declared:
                    raise RecipeError(f"{source}: {where} has no input {k!r}")
                inputs[k] = v
        steps = runs.get("steps") or []
        ctx = self.context(where, steps, inputs, in_action=True)
        ctx.check_strings(runs)
        ctx.check_strings(action.get("outputs") or {})
        extra = {"GITHUB_ACTION_PATH": REPO_ROOT, "GITHUB_ACTION_REPOSITORY": repository, "GITHUB_ACTION_REF": ref}
        # The action's steps see the caller's env (workflow, job, the uses step's own env) and their own.
        layers = [(dict(outer.env), True)]
        results, ok = self.run_steps(steps, ctx, layers, None, extra, action=where)
        entry["steps"] = results
        outputs = {}
        for k, v in (action.get("outputs") or {}).items():
            outputs[k] = ctx.substitute((v or {}).get("value", ""))
        entry["_outputs"] = outputs
        return (0 if ok else 1), None


# ---------------------------------------------------------------- GitLab jobs

def deep_merge(base, over):
    if isinstance(base, dict) and isinstance(over, dict):
        merged = dict(base)
        for k, v in over.items():
            merged[k] = deep_merge(base[k], v) if k in base else v
        return merged
    return over


def expand(text, env):
    """GitLab's expansion of $VAR / ${VAR} in variables, rules and paths; $$ is a literal $."""
    def repl(m):
        if m.group(0) == "$$":
            return "$"
        return env.get(m.group(1) or m.group(2), "")
    return re.sub(r"\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)", repl, text)


def flatten(lines):
    out = []
    for line in lines or []:
        out.extend(flatten(line) if isinstance(line, list) else [scalar(line)])
    return out


RULE_TOKEN = re.compile(r"\s*(?:(&&|\|\||==|!=)|\$([A-Za-z_][A-Za-z0-9_]*)|\"((?:[^\"\\]|\\.)*)\"|'([^']*)')")


def rule_matches(text, env):
    toks, pos = [], 0
    while pos < len(text.rstrip()):
        m = RULE_TOKEN.match(text, pos)
        if not m or m.end() == pos:
            raise RecipeError(f"rules: if the player does not understand: {text!r}")
        if m.group(1):
            toks.append(("op", m.group(1)))
        elif m.group(2):
            toks.append(("var", m.group(2)))
        else:
            toks.append(("str", m.group(3) if m.group(3) is not None else m.group(4)))
        pos = m.end()
    i = [0]

    def take(kind, values=None):
        if i[0] >= len(toks) or toks[i[0]][0] != kind or (values and toks[i[0]][1] not in values):
            raise RecipeError(f"rules: if the player does not understand: {text!r}")
        i[0] += 1
        return toks[i[0] - 1][1]

    def atom():
        name = take("var")
        op = take("op", ("==", "!="))
        literal = take("str")
        value = env.get(name)
        return (value == literal) if op == "==" else (value != literal)

    def conj():
        v = atom()
        while i[0] < len(toks) and toks[i[0]] == ("op", "&&"):
            i[0] += 1
            v = atom() and v
        return v

    v = conj()
    while i[0] < len(toks) and toks[i[0]] == ("op", "||"):
        i[0] += 1
        v = conj() or v
    if i[0] != len(toks):
        raise RecipeError(f"rules: if the player does not understand: {text!r}")
    return v


class GitLabJob:
    UNDERSTOOD = {"extends", "stage", "image", "rules", "variables", "before_script", "script", "after_script",
                  "artifacts", "cache", "resource_group", "environment", "tags", "interruptible", "timeout",
                  "allow_failure", "retry", "needs", "dependencies"}

    def __init__(self, args):
        self.args = args
        self.workdir = os.path.abspath(args.workdir)
        with open(args.file) as f:
            self.doc = yaml.safe_load(f)
        if args.job.startswith(".") or args.job not in self.doc:
            raise RecipeError(f"{args.file}: no job {args.job!r}")
        for key in ("include", "workflow"):
            if key in self.doc:
                raise RecipeError(f"{args.file}: top-level {key}: is not played")
        self.job = self.resolve(args.job, [])
        unknown = set(self.job) - self.UNDERSTOOD
        if unknown:
            raise RecipeError(f"job {args.job}: keys the player does not understand: {', '.join(sorted(unknown))}")
        self.secrets = key_values(args.secret, "--secret")
        self.cli_env = key_values(args.env, "--env")
        self.cli_env.update(self.secrets)
        self.masker = Masker(self.secrets)
        self.run_dir = tempfile.mkdtemp(prefix="play-gitlab-")

    def resolve(self, name, seen):
        if name in seen:
            raise RecipeError(f"extends loop: {' -> '.join(seen + [name])}")
        if name not in self.doc or not isinstance(self.doc[name], dict):
            raise RecipeError(f"extends: no job or template {name!r}")
        job = self.doc[name]
        parents = job.get("extends") or []
        parents = [parents] if isinstance(parents, str) else parents
        merged = {}
        for parent in parents:
            merged = deep_merge(merged, self.resolve(parent, seen + [name]))
        merged = deep_merge(merged, {k: v for k, v in job.items() if k != "extends"})
        default = self.doc.get("default") or {}
        if not seen:
            merged = deep_merge({k: v for k, v in default.items() if k in ("before_script", "after_script", "image", "cache")}, merged)
        return merged

    def env(self):
        source, branch = self.args.source, self.args.branch
        sha = git_sha(self.workdir)
        server, project = "https://gitlab.example.com", "example/governance"
        env = {k: os.environ[k] for k in ("PATH", "HOME", "LANG", "LC_ALL", "LC_CTYPE", "TMPDIR", "USER",
                                         "LOGNAME", "TZ") if k in os.environ}
        predefined = {
            "CI": "true", "GITLAB_CI": "true", "CI_PIPELINE_SOURCE": source, "CI_COMMIT_SHA": sha,
            "CI_COMMIT_SHORT_SHA": sha[:8], "CI_COMMIT_REF_NAME": branch,
            "CI_COMMIT_REF_SLUG": re.sub(r"[^a-z0-9]", "-", branch.lower())[:63].strip("-"),
            "CI_DEFAULT_BRANCH": "main", "CI_JOB_ID": "4242", "CI_JOB_NAME": self.args.job,
            "CI_JOB_STAGE": scalar(self.job.get("stage", "test")), "CI_PIPELINE_ID": "77",
            "CI_PROJECT_DIR": self.workdir, "CI_PROJECT_ID": "1", "CI_PROJECT_PATH": project,
            "CI_SERVER_URL": server, "CI_PROJECT_URL": f"{server}/{project}", "CI_API_V4_URL": f"{server}/api/v4",
            "CI_JOB_URL": f"{server}/{project}/-/jobs/4242", "CI_BUILDS_DIR": os.path.dirname(self.workdir),
        }
        if source == "merge_request_event":
            predefined.update({"CI_MERGE_REQUEST_IID": "1", "CI_MERGE_REQUEST_ID": "101",
                               "CI_MERGE_REQUEST_SOURCE_BRANCH_NAME": branch,
                               "CI_MERGE_REQUEST_TARGET_BRANCH_NAME": "main"})
        else:
            predefined["CI_COMMIT_BRANCH"] = branch
        env.update(predefined)
        env.update(self.cli_env)
        scope = dict(env)
        for layer in (self.doc.get("variables") or {}, self.job.get("variables") or {}):
            for k, v in layer.items():
                value = v.get("value", "") if isinstance(v, dict) else scalar(v)
                scope[k] = expand(value, scope)
        scope.update(self.cli_env)  # project variables win over the file's
        return scope

    def play(self):
        env = self.env()
        ran = True
        rules = self.job.get("rules")
        if rules is not None:
            ran = False
            for rule in rules:
                unknown = set(rule) - {"if", "when"}
                if unknown:
                    raise RecipeError(f"rules: {', '.join(sorted(unknown))} not played")
                if "if" in rule and not rule_matches(scalar(rule["if"]), env):
                    continue
                when = rule.get("when", "on_success")
                if when not in ("on_success", "always", "never"):
                    raise RecipeError(f"rules: when: {when} not played")
                ran = when != "never"
                break
        if not ran:
            return {"ran": False, "status": "skipped", "steps": [], "comment": None, "artifacts": [],
                    "cacheKeys": [], "summary": None}
        caches = self.job.get("cache") or []
        caches = [caches] if isinstance(caches, dict) else caches
        cache_keys = [expand(scalar(c.get("key", "default")), env) for c in caches]
        self.restore_caches(caches, cache_keys, env)
        lines = flatten(self.job.get("before_script")) + flatten(self.job.get("script"))
        if not lines:
            raise RecipeError(f"job {self.args.job}: no script")
        steps, code = self.run_lines(lines, env)
        ok = code == 0
        if self.job.get("after_script"):
            self.run_lines(flatten(self.job["after_script"]), env, label="after_script")
        artifacts, problems = self.collect_artifacts(env, ok)
        if problems and ok:
            ok = False
            steps.append({"name": "artifacts", "id": None, "outcome": "failure", "exitCode": 1, "outputs": {},
                          "message": "; ".join(problems)})
        if ok:
            self.save_caches(caches, cache_keys, env)
        return {"ran": True, "status": "success" if ok else "failure", "steps": steps, "comment": None,
                "artifacts": artifacts, "cacheKeys": cache_keys, "summary": None}

    def run_lines(self, lines, env, label=None):
        marks = os.path.join(self.run_dir, "marks")
        open(marks, "w").close()
        script = ["set -eo pipefail", f"exec 9>>{shlex.quote(marks)}"]
        for i, line in enumerate(lines):
            shown = line if "\n" not in line.strip() else line.strip().split("\n")[0] + " # collapsed multi-line command"
            script.append(f"printf '%s\\n' {shlex.quote('$ ' + shown)}")
            script.append(f"printf '%d\\n' {i} >&9")
            script.append(line)
        path = os.path.join(self.run_dir, f"{label or 'script'}.sh")
        with open(path, "w") as f:
            f.write("\n".join(script) + "\n")
        timeout = 60 * DEFAULT_TIMEOUT_MINUTES
        code, shown, raw = run_process(["bash", "--noprofile", "--norc", path], self.workdir, env,
                                       label or self.args.job, self.masker, timeout)
        with open(marks) as f:
            reached = [int(x) for x in f.read().split()]
        last = reached[-1] if reached else -1
        headers = ["$ " + (l if "\n" not in l.strip() else l.strip().split("\n")[0] + " # collapsed multi-line command")
                   for l in lines]
        shown_parts, raw_parts = self.split_log(shown, headers), self.split_log(raw, headers)
        steps = []
        for i, line in enumerate(lines):
            if i < last or (i == last and code == 0):
                outcome, exit_code = "success", 0
            elif i == last:
                outcome, exit_code = "failure", code
            else:
                outcome, exit_code = "skipped", None
            steps.append({"name": line, "id": None, "outcome": outcome, "exitCode": exit_code, "outputs": {},
                          "log": shown_parts[i], "secretsInLog": self.masker.leaked(raw_parts[i])})
        return steps, code

    @staticmethod
    def split_log(text, headers):
        """Cuts one shell's output into each line's part, at the `$ command` lines the script echoes."""
        parts, current = [""] * len(headers), -1
        for line in text.splitlines(keepends=True):
            if current + 1 < len(headers) and line.rstrip("\n") == headers[current + 1]:
                current += 1
            if current >= 0:
                parts[current] += line
        return parts

    def collect_artifacts(self, env, ok):
        spec = self.job.get("artifacts") or {}
        when = spec.get("when", "on_success")
        if (when == "on_success" and not ok) or (when == "on_failure" and ok):
            return [], []
        artifacts, problems = [], []
        for pattern in spec.get("paths") or []:
            pattern = expand(scalar(pattern), env)
            full = os.path.join(self.workdir, pattern)
            files = sorted(glob.glob(full, recursive=True)) if glob.has_magic(pattern) else ([full] if os.path.exists(full) else [])
            if not files:
                problems.append(f"artifacts: {pattern}: no matching files")
                continue
            kept = []
            for f in files:
                if self.args.artifacts_dir:
                    dest = os.path.join(self.args.artifacts_dir, os.path.relpath(f, self.workdir))
                    os.makedirs(os.path.dirname(dest), exist_ok=True)
                    (shutil.copytree if os.path.isdir(f) else shutil.copy2)(f, dest)
                    kept.append(dest)
                else:
                    kept.append(f)
            artifacts.append({"name": "artifacts", "path": pattern, "files": kept})
        for p in problems:
            log(p)
        return artifacts, problems

    def restore_caches(self, caches, keys, env):
        if not self.args.cache_dir:
            return
        for cache, key in zip(caches, keys):
            saved = os.path.join(self.args.cache_dir, key)
            if os.path.isdir(saved):
                log(f"cache {key}: restored")
                shutil.copytree(saved, self.workdir, dirs_exist_ok=True)

    def save_caches(self, caches, keys, env):
        if not self.args.cache_dir:
            return
        for cache, key in zip(caches, keys):
            saved = os.path.join(self.args.cache_dir, key)
            for pattern in cache.get("paths") or []:
                src = os.path.join(self.workdir, expand(scalar(pattern), env))
                if os.path.exists(src):
                    dest = os.path.join(saved, os.path.relpath(src, self.workdir))
                    os.makedirs(os.path.dirname(dest.rstrip("/")), exist_ok=True)
                    if os.path.isdir(src):
                        shutil.copytree(src, dest, dirs_exist_ok=True, symlinks=True)
                    else:
                        shutil.copy2(src, dest)


# ---------------------------------------------------------------- main

def main(argv):
    parser = argparse.ArgumentParser(description="Plays one job of a CI recipe locally.")
    sub = parser.add_subparsers(dest="mode", required=True)
    gh = sub.add_parser("github")
    gh.add_argument("file")
    gh.add_argument("--job", required=True)
    gh.add_argument("--event", required=True)
    gh.add_argument("--ref")
    gh.add_argument("--action-input", action="append", default=[])
    gl = sub.add_parser("gitlab")
    gl.add_argument("file")
    gl.add_argument("--job", required=True)
    gl.add_argument("--source", required=True, choices=["push", "merge_request_event", "schedule", "web", "api"])
    gl.add_argument("--branch", required=True)
    gl.add_argument("--cache-dir")
    for p in (gh, gl):
        p.add_argument("--workdir", required=True)
        p.add_argument("--env", action="append", default=[])
        p.add_argument("--secret", action="append", default=[])
        p.add_argument("--report")
        p.add_argument("--artifacts-dir")
    args = parser.parse_args(argv)
    job = None
    try:
        job = GitHubJob(args) if args.mode == "github" else GitLabJob(args)
        report = job.play()
    except RecipeError as e:
        log(f"error: {e}")
        return 3
    except (OSError, yaml.YAMLError) as e:
        log(f"error: {e}")
        return 3
    finally:
        if job is not None:
            shutil.rmtree(job.run_dir, ignore_errors=True)
    log(f"job {args.job}: {'not run' if not report['ran'] else report['status']}")
    if args.report:
        with open(args.report, "w") as f:
            json.dump(report, f, indent=2)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
