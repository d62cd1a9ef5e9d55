"""The command line: user errors are one line and exit 2; every option is documented."""

from __future__ import annotations

import http.server
import json
import os
import re
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import typer.main
from typer.testing import CliRunner, Result

from directory.cli import app

ROOT = Path(__file__).resolve().parents[1]


def clinics(
    *args: str, env: dict[str, str] | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "directory", *args],
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "200", **(env or {})},
        cwd=cwd,
        timeout=120,
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["export", "--csv", "x.csv", "--db", "postgresql+psycopg://u@127.0.0.1:1/none"],
            "cannot connect to database",
        ),
        (["export", "--csv", "x.csv", "--db", "not a url"], "malformed database URL"),
        (["runs", "--db", "nosuchdialect://x"], "unsupported database URL"),
        (["export", "--csv", "x.csv", "--weights", "safety=lots"], "bad weight"),
        (["export", "--csv", "x.csv", "--near", "00000"], "unknown ZIP"),
        (["export", "--csv", "x.csv", "--route", "teleport"], "unknown route"),
        (["export"], "say where to write"),
        (["crawl", "--seeds", "does-not-exist.txt"], "does not exist"),
        (["crawl", "--url", "javascript:alert(1)"], "only http(s) URLs"),
        (["extract", "no-such-page.html"], "no such file"),
    ],
)
def test_user_errors_are_one_line_exit_2(tmp_path, args, message):
    env = {"CLINICS_DB": f"sqlite:///{tmp_path / 'c.db'}"}
    proc = clinics(*args, env=env, cwd=tmp_path)
    assert proc.returncode == 2, proc.stderr
    lines = [ln for ln in proc.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith("error:") and message in lines[0]
    assert "Traceback" not in proc.stderr


def test_unusable_database_folder_is_a_clear_error(tmp_path):
    blocker = tmp_path / "var"
    blocker.write_text("a file where the database folder should be")
    proc = clinics("runs", env={"CLINICS_DB": f"sqlite:///{blocker / 'clinics.db'}"})
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.startswith("error:") and "Traceback" not in proc.stderr


def test_export_on_empty_database_writes_header(tmp_path):
    proc = clinics(
        "export", "--csv", str(tmp_path / "o.csv"), "--db", f"sqlite:///{tmp_path / 'c.db'}"
    )
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "o.csv").read_text().startswith("rank,clinic_id,name,")
    assert "no clinics yet" in proc.stderr


def _options() -> dict[str, list[str]]:
    group = typer.main.get_command(app)
    return {
        name: [opt for p in cmd.params for opt in getattr(p, "opts", []) if opt.startswith("--")]
        for name, cmd in group.commands.items()  # type: ignore[attr-defined]
    }


def test_every_command_and_option_is_documented_in_readme():
    readme = (ROOT / "README.md").read_text()
    for command, options in _options().items():
        assert re.search(rf"clinics {re.escape(command)}\b", readme), (
            f"`clinics {command}` is not in README.md"
        )
        for opt in options:
            assert opt in readme, f"`clinics {command} {opt}` is not documented in README.md"


def test_directory_never_imports_scrapy_or_streamlit():
    code = (
        "import pkgutil, importlib, sys, directory\n"
        "for m in pkgutil.walk_packages(directory.__path__, 'directory.'):\n"
        "    if '.migrations' in m.name or m.name.endswith('__main__'): continue\n"
        "    importlib.import_module(m.name)\n"
        "bad = [n for n in sys.modules if n.split('.')[0] in ('scrapy', 'streamlit', 'crawler', 'twisted')]\n"
        "print(bad); sys.exit(1 if bad else 0)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0, proc.stdout + proc.stderr


# --- Bad invocations of every database command (in-process: no subprocess to start) ----------

DB_COMMANDS = {
    "crawl": ["crawl", "--url", "http://clinic.example/"],
    "score": ["score"],
    "export": ["export", "--csv", "out.csv"],
    "runs": ["runs"],
}


def invoke(*args: str) -> Result:
    return CliRunner().invoke(app, list(args), env={"COLUMNS": "200"})


def assert_one_error(result: Result, message: str) -> None:
    assert result.exit_code == 2, (result.output, result.exception)
    lines = [ln for ln in result.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error:") and message in lines[0], lines[0]
    assert "Traceback" not in result.output


@pytest.mark.parametrize("command", DB_COMMANDS)
@pytest.mark.parametrize(
    ("db", "message"),
    [
        ("postgresql+psycopg://u@127.0.0.1:1/none", "cannot connect to database"),  # closed port
        ("not a url", "malformed database URL"),
        ("nosuchdialect://x", "unsupported database URL"),
    ],
)
def test_bad_db_option_is_one_line_exit_2_for_every_command(
    command, db, message, tmp_path, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    assert_one_error(invoke(*DB_COMMANDS[command], "--db", db), message)


@pytest.mark.parametrize("command", DB_COMMANDS)
@pytest.mark.parametrize(
    ("blocker", "message"),
    [("var is a file", "cannot create"), ("var/clinics.db is a folder", "cannot connect")],
)
def test_unusable_default_database_location(command, blocker, message, tmp_path, monkeypatch):
    """No --db and no $CLINICS_DB: the database is ./var/clinics.db, which cannot be made here."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CLINICS_DB", raising=False)
    if blocker == "var is a file":
        (tmp_path / "var").write_text("not a folder")
    else:
        (tmp_path / "var" / "clinics.db").mkdir(parents=True)
    assert_one_error(invoke(*DB_COMMANDS[command]), message)


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes to read-only folders anyway")
def test_read_only_default_database_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CLINICS_DB", raising=False)
    (tmp_path / "var").mkdir(mode=0o555)
    for args in DB_COMMANDS.values():
        assert_one_error(invoke(*args), "is not writable")


NO_WEIGHT = "safety=0,expertise=0,holistic=0,cost=0,reviews=0,personalization=0"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["export", "--csv", "o.csv", "--weights", "nosuch=2"], "bad weight"),
        (["export", "--csv", "o.csv", "--weights", "safety=-1"], "finite and >= 0"),
        (["export", "--csv", "o.csv", "--weights", "safety=inf"], "finite and >= 0"),
        (["export", "--csv", "o.csv", "--weights", NO_WEIGHT], "at least one weight"),
        (["export", "--csv", "o.csv", "--near", "abcde"], "unknown ZIP"),
        (["export", "--csv", "o.csv", "--near", "99999", "--radius-miles", "5"], "unknown ZIP"),
        (["export", "--csv", "o.csv", "--radius-miles", "5"], "needs --near"),
        (["crawl", "--seeds", "missing.txt"], "does not exist"),
        (["crawl", "--seeds", "."], "is not a file"),
        (["crawl", "--url", "http://clinic.example/", "--jobdir", "a-file"], "not a directory"),
    ],
)
def test_bad_options_are_one_line_exit_2(args, message, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("CLINICS_DB", f"sqlite:///{tmp_path / 'c.db'}")
    (tmp_path / "a-file").write_text("")
    assert_one_error(invoke(*args), message)


# --- clinics extract URL: the same address guard as the crawler ------------------------------


class _Redirecting(http.server.BaseHTTPRequestHandler):
    """`/` is a small clinic page; `/to?u=URL` redirects to URL."""

    def do_GET(self) -> None:
        if self.path.startswith("/to?u="):
            self.send_response(302)
            self.send_header("Location", unquote(self.path[len("/to?u=") :]))
            self.end_headers()
            return
        body = b"<html><title>Test Clinic</title><p>We offer IV ketamine infusions.</p></html>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def local_page() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Redirecting)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_extract_refuses_private_addresses_unless_allowed(local_page):
    refused = invoke("extract", f"{local_page}/")
    assert refused.exit_code == 2
    assert "not a public address (use --allow-private)" in refused.output
    allowed = invoke("extract", f"{local_page}/", "--allow-private")
    assert allowed.exit_code == 0, allowed.output
    assert json.loads(allowed.output)["facts"]["routes"] == ["iv"]


def test_extract_checks_every_redirect(local_page, monkeypatch):
    # The first host passes the guard; a redirect to another non-public host must not.
    monkeypatch.setattr("directory.netguard.host_is_public", lambda host: host == "127.0.0.1")
    port = urlsplit(local_page).port
    to_private = invoke("extract", f"{local_page}/to?u=http://localhost:{port}/")
    assert to_private.exit_code == 2
    assert "localhost is not a public address" in to_private.output
    ftp = invoke("extract", f"{local_page}/to?u=ftp://127.0.0.1/x", "--allow-private")
    assert ftp.exit_code == 2  # urllib itself would follow a redirect to ftp:
    assert "only http(s) URLs are fetched" in ftp.output, ftp.output
    file = invoke("extract", f"{local_page}/to?u=file:///etc/passwd", "--allow-private")
    assert file.exit_code == 2  # refused by urllib before our check
    assert "Redirection to url 'file:///etc/passwd' is not allowed" in file.output, file.output
