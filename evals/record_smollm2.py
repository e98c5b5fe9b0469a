"""Record SmolLM2-135M-Instruct's answers through llama.cpp's server into
evals/recordings-smollm2/: real model output, replayed offline by `pytest evals` and
`tradex compare --store evals/recordings-smollm2`.

    pip install -e '.[dev,local]'
    python evals/record_smollm2.py                  # every prompt version x ARTICLES
    python evals/record_smollm2.py --prompt v4      # one version

It starts the server itself (evals/llamacpp_server.py holds the exact command and
parameters), runs the real `tradex extract --backend openai --record` once per prompt
version, and prints tokens per second from the server's own timings. Each stored answer
says `source: model` and carries the model file, its sha256, the server and its command.
Expect tens of minutes of CPU on 2 cores; it need not run in CI.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

from llamacpp_server import MODEL_ALIAS, SERVER_ARGS, llamacpp_server, missing, model_path, model_sha256

ROOT = Path(__file__).resolve().parents[1]
STORE = ROOT / "evals" / "recordings-smollm2"
RUNS = ROOT / "outputs" / "smollm2-runs"
# the seed article (dev) and six short test-split articles of different kinds
ARTICLES = [
    "000_6083d734525b0748",
    "001_us-monthly-trade",
    "003_japan-monthly",
    "007_uk-quarterly",
    "009_brazil-annual",
    "026_canada-monthly",
    "028_south-africa",
]
VERSIONS = ["v1", "v2", "v3", "v4"]
# small answers and one re-ask keep a run to minutes; temperature 0 for reproducibility.
# store.toml repeats them, so a replay of the store asks exactly what was recorded.
SAMPLING = ["--temperature", "0", "--max-tokens", "512", "--max-retries", "1", "--mode", "tools"]
STORE_SETTINGS = f"""# Written by evals/record_smollm2.py. Real answers of SmolLM2-135M-Instruct (Q4_1 GGUF)
# served by llama-cpp-python's OpenAI-compatible server; every answer's provenance says
# source "model" and names the model file, its sha256, the server and the sampling.
# A replay repeats these request settings, which are part of every request key.
description = "SmolLM2-135M-Instruct through llama.cpp (evals/record_smollm2.py)"
model = "{MODEL_ALIAS}"
max_tokens = 512
temperature = 0.0
mode = "tools"
max_retries = 1
"""
_EVAL_TIME = re.compile(r"\beval time =\s*([\d.]+) ms /\s*(\d+) (?:runs|tokens)")


def record(version: str, base_url: str, provenance: list[str]) -> dict[str, object]:
    run_dir = RUNS / version
    articles = [str(ROOT / "gold" / "articles" / f"{a}.txt") for a in ARTICLES]
    command = [sys.executable, "-m", "pipeline", "extract", *articles, "--prompt", version,
               "--backend", "openai", "--record", "--store", str(STORE), "--model", MODEL_ALIAS,
               "--out", str(run_dir), "--no-progress", *SAMPLING, *provenance]  # fmt: skip
    started = time.perf_counter()
    env = {**os.environ, "OPENAI_BASE_URL": base_url}
    env.pop("OPENAI_API_KEY", None)  # a local server needs none
    if run_dir.exists():
        command.append("--resume")
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    print(done.stdout + done.stderr, end="")
    manifest = json.loads((run_dir / "manifest.json").read_text())
    seconds = round(time.perf_counter() - started, 1)
    return {"version": version, "seconds": seconds, **manifest["articles"], **manifest["usage"]}


def generation_speed(log: Path) -> str:
    """Tokens per second of generation alone, from the server's timing lines."""
    ms = tokens = 0.0
    for line in log.read_text(errors="replace").splitlines():
        if "prompt eval" in line:
            continue
        if match := _EVAL_TIME.search(line):
            ms, tokens = ms + float(match[1]), tokens + int(match[2])
    return (
        f"{tokens / ms * 1000:.1f} tokens/s over {tokens:.0f} generated tokens" if ms else "no timings logged"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--prompt", action="append", help="prompt version (repeatable; default all)")
    args = parser.parse_args()
    if (why := missing()) is not None:
        sys.exit(why)
    log = RUNS / "server.log"
    STORE.mkdir(parents=True, exist_ok=True)
    (STORE / "store.toml").write_text(STORE_SETTINGS, encoding="utf-8")
    with llamacpp_server(log) as server:
        provenance = [
            f"model_file={model_path().name}",
            f"model_sha256={model_sha256()}",
            f"server=llama-cpp-python {server.version}",
            f"server_args={' '.join(SERVER_ARGS)}",
            f"sampling={' '.join(SAMPLING)}",
        ]
        provenance = [item for pair in provenance for item in ("--provenance", pair)]
        totals = [record(v, server.url, provenance) for v in args.prompt or VERSIONS]
    for total in totals:
        print(json.dumps(total))
    print(f"generation speed: {generation_speed(log)}")


if __name__ == "__main__":
    main()
