#!/usr/bin/env python3
"""A tiny stand-in for the parts of GitLab's REST API (v4) that the CI helper scripts call.

Usage: fake_gitlab.py PORTFILE STATEDIR

Listens on 127.0.0.1 on a free port, written to PORTFILE once it accepts connections; point
CI_API_V4_URL at http://127.0.0.1:PORT/api/v4. Every request needs the header PRIVATE-TOKEN equal to the
environment's FAKE_GITLAB_TOKEN (else 401, as GitLab answers a bad token). For any project id and
merge request iid it serves

  GET  /projects/:id/merge_requests/:iid/notes?per_page=&page=&sort=   newest first for sort=desc
  POST /projects/:id/merge_requests/:iid/notes            {"body"}      201; 400 over 1,000,000 characters
  PUT  /projects/:id/merge_requests/:iid/notes/:note_id   {"body"}      200; 404 when absent
  PUT  /projects/:id/variables/:key                       {"value", …}  200; 404 when absent
  POST /projects/:id/variables                            {"key", …}    201; 400 when the key exists

State lives in STATEDIR as notes.json ({"PROJECT/IID": [note, …]}) and variables.json
({"PROJECT": {"KEY": variable}}), rewritten after each change and read at start, so a test can seed
notes before starting the server and read what the scripts left. requests.jsonl logs each request's
method, path and status (never a header or a body). SIGTERM stops it with exit 0.
"""

import json
import os
import re
import signal
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

NOTE_LIMIT = 1_000_000

NOTES = re.compile(r"^/api/v4/projects/([^/]+)/merge_requests/(\d+)/notes(?:/(\d+))?$")
VARIABLES = re.compile(r"^/api/v4/projects/([^/]+)/variables(?:/([^/]+))?$")


class State:
    def __init__(self, directory):
        self.directory = directory
        self.lock = threading.Lock()
        self.notes = self._load("notes.json")
        self.variables = self._load("variables.json")
        self.next_id = 1 + max((n["id"] for ns in self.notes.values() for n in ns), default=0)

    def _load(self, name):
        path = os.path.join(self.directory, name)
        if os.path.exists(path):
            with open(path) as f:
                return json.load(f)
        return {}

    def save(self):
        for name, value in (("notes.json", self.notes), ("variables.json", self.variables)):
            path = os.path.join(self.directory, name)
            with open(path + ".tmp", "w") as f:
                json.dump(value, f, indent=2, sort_keys=True)
            os.replace(path + ".tmp", path)

    def log(self, entry):
        with open(os.path.join(self.directory, "requests.jsonl"), "a") as f:
            f.write(json.dumps(entry) + "\n")


def masked_value_ok(value):
    # GitLab's rule for a masked variable: one line, no spaces, at least 8 characters.
    return len(value) >= 8 and not re.search(r"\s", value)


class Handler(BaseHTTPRequestHandler):
    state = None  # set in main
    protocol_version = "HTTP/1.1"

    def log_message(self, format, *args):  # keep the test's output quiet
        pass

    def reply(self, status, body=None, headers=()):
        data = b"" if body is None else json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for k, v in headers:
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)
        self.state.log({"method": self.command, "path": self.path, "status": status})

    def json_body(self):
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        try:
            return json.loads(raw.decode("utf-8")) if raw else {}
        except (UnicodeDecodeError, json.JSONDecodeError):
            return None

    def handle_any(self):
        # Read the body first, so an early answer never leaves it unread on a kept-alive connection.
        body = self.json_body() if self.command in ("POST", "PUT") else {}
        token = os.environ.get("FAKE_GITLAB_TOKEN")
        if not token or self.headers.get("PRIVATE-TOKEN") != token:
            return self.reply(401, {"message": "401 Unauthorized"})
        if body is None:
            return self.reply(400, {"error": "body is not JSON"})
        url = urlsplit(self.path)
        query = parse_qs(url.query)
        with self.state.lock:
            m = NOTES.match(url.path)
            if m:
                return self.notes(m.group(1), m.group(2), m.group(3), query, body)
            m = VARIABLES.match(url.path)
            if m:
                return self.variables(m.group(1), m.group(2), body)
        return self.reply(404, {"message": "404 Not Found"})

    def notes(self, project, iid, note_id, query, body):
        key = f"{project}/{iid}"
        notes = self.state.notes.setdefault(key, [])
        if self.command == "GET" and note_id is None:
            per_page = min(int(query.get("per_page", ["20"])[0]), 100)
            page = max(int(query.get("page", ["1"])[0]), 1)
            ordered = sorted(notes, key=lambda n: n["id"], reverse=query.get("sort", ["desc"])[0] == "desc")
            chunk = ordered[(page - 1) * per_page: page * per_page]
            more = page * per_page < len(ordered)
            headers = [("X-Total", str(len(ordered))), ("X-Page", str(page)),
                       ("X-Next-Page", str(page + 1) if more else "")]
            return self.reply(200, chunk, headers)
        if self.command == "POST" and note_id is None:
            text = body.get("body")
            if not isinstance(text, str) or not text:
                return self.reply(400, {"message": "400 Bad request - body is missing"})
            if len(text) > NOTE_LIMIT:
                return self.reply(400, {"message": {"note": ["is too long (maximum is 1000000 characters)"]}})
            note = {"id": self.state.next_id, "body": text, "system": False, "author": {"username": "bot"}}
            self.state.next_id += 1
            notes.append(note)
            self.state.save()
            return self.reply(201, note)
        if self.command == "PUT" and note_id is not None:
            note = next((n for n in notes if n["id"] == int(note_id)), None)
            if note is None:
                return self.reply(404, {"message": "404 Not found"})
            text = body.get("body")
            if not isinstance(text, str) or not text:
                return self.reply(400, {"message": "400 Bad request - body is missing"})
            if len(text) > NOTE_LIMIT:
                return self.reply(400, {"message": {"note": ["is too long (maximum is 1000000 characters)"]}})
            note["body"] = text
            note["updated"] = note.get("updated", 0) + 1
            self.state.save()
            return self.reply(200, note)
        return self.reply(405, {"message": "405 Method Not Allowed"})

    def variables(self, project, key, body):
        variables = self.state.variables.setdefault(project, {})
        fields = ("value", "masked", "protected", "variable_type", "environment_scope", "raw")
        if self.command == "PUT" and key is not None:
            if key not in variables:
                return self.reply(404, {"message": "404 Variable Not Found"})
            updated = dict(variables[key], **{k: body[k] for k in fields if k in body})
            if updated.get("masked") and not masked_value_ok(updated.get("value", "")):
                return self.reply(400, {"message": {"value": ["is invalid"]}})
            variables[key] = updated
            self.state.save()
            return self.reply(200, dict(updated, key=key))
        if self.command == "POST" and key is None:
            name = body.get("key")
            if not isinstance(name, str) or not re.fullmatch(r"[A-Za-z0-9_]{1,255}", name):
                return self.reply(400, {"message": {"key": ["is invalid"]}})
            if name in variables:
                return self.reply(400, {"message": {"key": [f"({name}) has already been taken"]}})
            if not isinstance(body.get("value"), str):
                return self.reply(400, {"message": "400 Bad request - value is missing"})
            variable = {"value": body["value"], "masked": bool(body.get("masked", False)),
                        "protected": bool(body.get("protected", False)),
                        "variable_type": body.get("variable_type", "env_var"), "environment_scope": "*"}
            if variable["masked"] and not masked_value_ok(variable["value"]):
                return self.reply(400, {"message": {"value": ["is invalid"]}})
            variables[name] = variable
            self.state.save()
            return self.reply(201, dict(variable, key=name))
        return self.reply(405, {"message": "405 Method Not Allowed"})

    do_GET = do_POST = do_PUT = do_DELETE = handle_any


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: fake_gitlab.py PORTFILE STATEDIR")
    portfile, statedir = sys.argv[1], sys.argv[2]
    os.makedirs(statedir, exist_ok=True)
    Handler.state = State(statedir)
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    # shutdown() waits for serve_forever, so it must run on another thread than the signal handler's.
    signal.signal(signal.SIGTERM, lambda *_: threading.Thread(target=server.shutdown).start())
    with open(portfile + ".tmp", "w") as f:
        f.write(str(server.server_address[1]))
    os.replace(portfile + ".tmp", portfile)
    server.serve_forever()
    server.server_close()


if __name__ == "__main__":
    main()
