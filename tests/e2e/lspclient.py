"""A small JSON-RPC 2.0 client for a language server over stdio (LSP base protocol).

Messages are framed with a Content-Length header; a reader thread sorts what the server sends
into responses (by id) and notifications (by method), so tests wait on either with a timeout.
Requests the server makes of the client (progress tokens, configuration) get an empty answer.
"""
import json
import os
import queue
import subprocess
import threading
import time


class LspError(Exception):
    pass


def file_uri(path):
    return "file://" + os.path.abspath(path)


class LspClient:
    def __init__(self, argv, cwd=None, env=None, log_path=None):
        self._log = open(log_path or os.devnull, "wb")
        self.proc = subprocess.Popen(argv, cwd=cwd, env=env, stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=self._log)
        self._next_id = 0
        self._responses = {}
        self._notifications = []
        self._cond = threading.Condition()
        self._write_lock = threading.Lock()
        self._closed = False
        self._reader = threading.Thread(target=self._read_loop, daemon=True)
        self._reader.start()

    # --- framing ---------------------------------------------------------------------------
    def _send(self, message):
        body = json.dumps(message).encode("utf-8")
        with self._write_lock:
            self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
            self.proc.stdin.flush()

    def _read_message(self):
        length = None
        while True:
            line = self.proc.stdout.readline()
            if not line:
                return None
            line = line.strip()
            if not line:
                break
            name, _, value = line.decode("ascii").partition(":")
            if name.lower() == "content-length":
                length = int(value.strip())
        if length is None:
            raise LspError("message without Content-Length")
        body = self.proc.stdout.read(length)
        return json.loads(body.decode("utf-8"))

    def _read_loop(self):
        try:
            while True:
                msg = self._read_message()
                if msg is None:
                    break
                if "method" in msg and "id" in msg:
                    # Server-to-client request: accept it with an empty result.
                    self._send({"jsonrpc": "2.0", "id": msg["id"], "result": None})
                    continue
                with self._cond:
                    if "id" in msg:
                        self._responses[msg["id"]] = msg
                    else:
                        self._notifications.append((time.monotonic(), msg))
                    self._cond.notify_all()
        finally:
            with self._cond:
                self._closed = True
                self._cond.notify_all()

    # --- requests and notifications --------------------------------------------------------
    def request(self, method, params, timeout=60):
        self._next_id += 1
        rid = self._next_id
        self._send({"jsonrpc": "2.0", "id": rid, "method": method, "params": params})
        deadline = time.monotonic() + timeout
        with self._cond:
            while rid not in self._responses:
                remaining = deadline - time.monotonic()
                if self._closed:
                    raise LspError("server exited while waiting for '%s'" % method)
                if remaining <= 0:
                    raise LspError("no answer to '%s' within %ss" % (method, timeout))
                self._cond.wait(remaining)
            msg = self._responses.pop(rid)
        if "error" in msg:
            raise LspError("'%s' failed: %s" % (method, msg["error"]))
        return msg.get("result")

    def notify(self, method, params):
        self._send({"jsonrpc": "2.0", "method": method, "params": params})

    def wait_notification(self, method, predicate=lambda params: True, timeout=60, after=0.0):
        """The first notification METHOD received after time AFTER whose params satisfy
        PREDICATE; raises LspError after TIMEOUT seconds."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                for when, msg in self._notifications:
                    if when >= after and msg.get("method") == method and predicate(msg["params"]):
                        return msg["params"]
                remaining = deadline - time.monotonic()
                if self._closed:
                    raise LspError("server exited while waiting for '%s'" % method)
                if remaining <= 0:
                    raise LspError("no '%s' within %ss" % (method, timeout))
                self._cond.wait(remaining)

    # --- the LSP lifecycle -----------------------------------------------------------------
    def initialize(self, root, timeout=60):
        caps = {
            "textDocument": {
                "publishDiagnostics": {"relatedInformation": True, "versionSupport": True},
                "codeAction": {"codeActionLiteralSupport": {"codeActionKind": {
                    "valueSet": ["", "quickfix", "refactor", "source"]}}},
                "synchronization": {"didSave": True},
            },
            "workspace": {"workspaceEdit": {"documentChanges": False}},
        }
        result = self.request("initialize", {
            "processId": os.getpid(), "rootUri": file_uri(root), "capabilities": caps,
            "workspaceFolders": [{"uri": file_uri(root), "name": os.path.basename(root)}],
        }, timeout=timeout)
        self.notify("initialized", {})
        return result

    def did_open(self, path, text, language="c", version=1):
        self.notify("textDocument/didOpen", {"textDocument": {
            "uri": file_uri(path), "languageId": language, "version": version, "text": text}})

    def did_change(self, path, text, version):
        self.notify("textDocument/didChange", {
            "textDocument": {"uri": file_uri(path), "version": version},
            "contentChanges": [{"text": text}]})

    def diagnostics(self, path, version=None, timeout=60, after=0.0):
        """The diagnostics published for PATH (for VERSION, when given)."""
        uri = file_uri(path)

        def matches(p):
            return p["uri"] == uri and (version is None or p.get("version") == version)
        return self.wait_notification("textDocument/publishDiagnostics", matches, timeout,
                                      after)["diagnostics"]

    def close(self, timeout=10):
        """Shuts the server down politely, then for sure."""
        try:
            if self.proc.poll() is None:
                self.request("shutdown", None, timeout=timeout)
                self.notify("exit", None)
                self.proc.wait(timeout=timeout)
        except (LspError, OSError, subprocess.TimeoutExpired, ValueError):
            pass
        finally:
            if self.proc.poll() is None:
                self.proc.kill()
                self.proc.wait()
            for stream in (self.proc.stdin, self.proc.stdout):
                try:
                    stream.close()
                except OSError:
                    pass
            self._log.close()
