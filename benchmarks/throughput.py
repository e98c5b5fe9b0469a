"""Throughput, CPU, memory and startup of `tradex extract` against a loopback
OpenAI-compatible server that answers after a fixed latency.

    python benchmarks/throughput.py [--articles 200] [--latency 0.5]

Starts the server itself (a separate process, so its CPU is not counted), then measures:

- tradex at concurrency 1, 8, 32 and 64, after a warm-up run of 8 articles: wall time
  against the bound (articles x latency / concurrency) and tradex's own CPU per article;
- a plain instructor + AsyncOpenAI loop at the same settings, the ratio tradex/plain, and
  the loop's own CPU per article (what instructor and openai alone cost), twice: with a
  two-line prompt and a small model of its own, and with tradex's own request (the v2
  prompt rendered, a plain model with the fields of tradex's response schema);
- httpx2 alone posting tradex's request bodies: the bound/wall and CPU per request no
  client built on it can beat on this machine;
- a fully cached re-run (every article's validated rows kept from the first run) against
  the first run;
- peak RSS of a whole `tradex extract` process over 1,000 and 10,000 articles;
- the wall time of `tradex --help`, and of `--backend rules` on a 1 MB article.

Prints each figure as measured and writes them to outputs/bench/throughput.json. The
server's answers are written by this script (the figure each article states), not by a
model. Asserts nothing.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "outputs" / "bench" / "throughput.json"
WHO = ("Guangdong", "Zhejiang", "Sichuan")
IDS = {"Guangdong": "CN-GD", "Zhejiang": "CN-ZJ", "Sichuan": "CN-SC"}
GROWTH = re.compile(r"(?P<who>Guangdong|Zhejiang|Sichuan)'s exports rose (?P<v>\d+\.5) percent in 2025")


def article(n: int) -> str:
    return f"Report {n}. {WHO[n % 3]}'s exports rose {n % 90}.5 percent in 2025, customs data showed."


def answer(body: dict[str, Any]) -> dict[str, Any]:
    """A chat completion whose tool call states the article's growth figure."""
    from pipeline.extract.llm.completions import tool_call_completion

    text = next(m["content"] for m in body["messages"] if m["role"] == "user")
    match = GROWTH.search(text)
    observations = []
    if match:
        observations.append({
            "entity": IDS[match["who"]], "entity_name": match["who"], "flow": "export",
            "metric": "trade_value", "change": "yoy", "value": float(match["v"]), "unit": "percent",
            "period": "2025", "evidence": match.group(0),
        })  # fmt: skip
    return tool_call_completion(
        {"observations": observations},
        model=body["model"],
        prompt_tokens=len(text) // 4,
        completion_tokens=40,
    )


def serve(port: int, latency: float) -> None:
    """The loopback server: HTTP/1.1 keep-alive, one thread per connection."""

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_POST(self) -> None:
            body = json.loads(self.rfile.read(int(self.headers.get("content-length", 0))))
            time.sleep(latency)
            data = json.dumps(answer(body)).encode()
            self.send_response(200)
            self.send_header("content-type", "application/json")
            self.send_header("content-length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args: Any) -> None:
            pass

    ThreadingHTTPServer.daemon_threads = True
    ThreadingHTTPServer.request_queue_size = 256
    ThreadingHTTPServer(("127.0.0.1", port), Handler).serve_forever()


def start_server(latency: float) -> tuple[subprocess.Popen[bytes], str]:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([sys.executable, __file__, "--serve", str(port), "--latency", str(latency)])
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
            break
        except OSError:
            time.sleep(0.05)
    return server, f"http://127.0.0.1:{port}/v1"


def write_articles(folder: Path, n: int) -> Path:
    path = folder / f"articles-{n}.jsonl"
    with path.open("w") as handle:
        for i in range(n):
            handle.write(json.dumps({"id": f"a{i:05d}", "text": article(i)}) + "\n")
    return path


async def tradex_run(
    articles: Path, url: str, store: Path, out: Path, concurrency: int
) -> tuple[float, float]:
    """(wall s, CPU s) of one in-process run, from the first article to the last row."""
    from pipeline.extract.backends import BackendOptions, make_version_extractor
    from pipeline.extract.choices import Backend
    from pipeline.io.articles import open_articles
    from pipeline.runs.runner import Run, RunSpec

    options = BackendOptions(
        backend=Backend.OPENAI, store=store, model="bench-model", base_url=url, api_key="sk-bench"
    )
    chosen = make_version_extractor("v2", options, ROOT / "prompts")
    source = open_articles([articles])
    spec = RunSpec(chosen.version, chosen.hash, chosen.model, "openai")
    run = Run(source, chosen.extractor, spec, out, resume=False, concurrency=concurrency, progress=False)
    wall, cpu = time.perf_counter(), time.process_time()
    summary = await run.execute()
    assert summary.failed == 0, summary.failures[:1]
    return time.perf_counter() - wall, time.process_time() - cpu


def _plain_models() -> tuple[type[Any], type[Any]]:
    """The plain loop's response models: a small one of its own, and one with the fields
    (and field descriptions) of tradex's response schema but none of its validators."""
    from pydantic import BaseModel

    from pipeline.core.schema import ObservationFields

    class Observation(BaseModel):
        entity: str
        entity_name: str
        flow: str | None = None
        metric: str
        change: str | None = None
        value: float
        unit: str
        period: str
        evidence: str

    class Extraction(BaseModel):
        observations: list[Observation]

    class SameFieldsExtraction(BaseModel):
        observations: list[ObservationFields]

    return Extraction, SameFieldsExtraction


def tradex_renderer() -> Callable[[str], list[dict[str, str]]]:
    """The messages tradex sends for a text: prompt v2 rendered with the figures found."""
    from pipeline.extract.llm.prompts import load_prompt
    from pipeline.io.articles import Article
    from pipeline.numbers.figures import find_figures

    prompt = load_prompt("v2", ROOT / "prompts")
    return lambda text: prompt.render(Article(id="a", text=text), find_figures(text))


async def plain_run(articles: Path, url: str, concurrency: int, *, same_request: bool) -> tuple[float, float]:
    """(wall s, CPU s) of the plain loop tradex is compared with: instructor on AsyncOpenAI,
    a semaphore, no store, ledger or grounding. Either a two-line prompt and a small model
    of its own, or tradex's own request: the v2 prompt rendered (figures found in the text)
    and a plain model with the fields of tradex's response schema."""
    import instructor
    from openai import AsyncOpenAI

    small, same_fields = _plain_models()
    openai_client = AsyncOpenAI(base_url=url, api_key="sk-bench")
    client = instructor.from_openai(openai_client)
    texts = [json.loads(line)["text"] for line in articles.read_text().splitlines()]
    semaphore = asyncio.Semaphore(concurrency)
    render = tradex_renderer()

    async def one(text: str) -> Any:
        async with semaphore:
            if same_request:
                messages = render(text)
                return await client.chat.completions.create(
                    model="bench-model", response_model=same_fields, messages=messages
                )
            return await client.chat.completions.create(
                model="bench-model",
                response_model=small,
                messages=[{"role": "system", "content": "Extract."}, {"role": "user", "content": text}],
            )

    start, cpu = time.perf_counter(), time.process_time()
    await asyncio.gather(*(one(t) for t in texts))
    wall, cpu = time.perf_counter() - start, time.process_time() - cpu
    await openai_client.close()
    return wall, cpu


async def bare_http_run(articles: Path, url: str, concurrency: int) -> tuple[float, float]:
    """(wall s, CPU s) of httpx2 alone posting tradex's request bodies and reading the
    answers' JSON: what any client built on it spends at the least."""
    import httpx2

    from pipeline.extract.llm.response import Extraction

    texts = [json.loads(line)["text"] for line in articles.read_text().splitlines()]
    tools = [{"type": "function", "function": Extraction.openai_schema}]
    render = tradex_renderer()
    bodies = [{"model": "bench-model", "messages": render(text), "tools": tools} for text in texts]
    semaphore = asyncio.Semaphore(concurrency)
    limits = httpx2.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx2.AsyncClient(limits=limits, timeout=60) as client:

        async def one(body: dict[str, Any]) -> None:
            async with semaphore:
                (await client.post(f"{url}/chat/completions", json=body)).json()

        start, cpu = time.perf_counter(), time.process_time()
        await asyncio.gather(*(one(b) for b in bodies))
        return time.perf_counter() - start, time.process_time() - cpu


def process(*args: str) -> tuple[float, int]:
    """(wall s, peak RSS MB) of a whole child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    subprocess.run(args, check=True, capture_output=True, cwd=ROOT)
    wall = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return wall, max(peak, before) // 1024


def memory_run(n: int, url: str, work: Path) -> int:
    """Peak RSS (MB) of `tradex extract` over n articles, in a fresh interpreter each."""
    articles = write_articles(work, n)
    code = (
        "import sys, resource; from pipeline.cli import app; sys.argv = sys.argv[1:];\n"
        "try:\n    app()\nexcept SystemExit:\n    pass\n"
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)"
    )
    extract = ["extract", str(articles), "--backend", "openai", "--prompt", "v2", "--model", "bench-model",
               "--concurrency", "32", "--no-progress", "--out", str(work / f"mem-{n}"),
               "--store", str(work / f"mem-store-{n}")]  # fmt: skip
    env = {**os.environ, "OPENAI_BASE_URL": url, "OPENAI_API_KEY": "sk-bench"}
    result = subprocess.run(
        [sys.executable, "-c", code, "tradex", *extract], env=env, capture_output=True, text=True, check=True
    )
    return int(result.stdout.strip().splitlines()[-1])


def concurrency_rows(url: str, latency: float, n_articles: int, work: Path) -> dict[str, Any]:
    """tradex, the two plain loops and bare httpx2 at each concurrency, and a cached
    re-run at 32."""
    results: dict[str, Any] = {}
    # one-time costs (imports, the entity registry) belong to startup, not to each article
    warm = write_articles(work, 8)
    asyncio.run(tradex_run(warm, url, work / "store-warm", work / "run-warm", 8))
    asyncio.run(plain_run(warm, url, 8, same_request=True))
    for concurrency in (1, 8, 32, 64):
        n = min(n_articles, 40) if concurrency == 1 else n_articles
        articles = write_articles(work, n)
        store = work / f"store-{concurrency}"
        wall, cpu = asyncio.run(tradex_run(articles, url, store, work / f"run-{concurrency}", concurrency))
        plain, plain_cpu = asyncio.run(plain_run(articles, url, concurrency, same_request=False))
        same, same_cpu = asyncio.run(plain_run(articles, url, concurrency, same_request=True))
        bare, bare_cpu = asyncio.run(bare_http_run(articles, url, concurrency))
        bound = n * latency / concurrency
        ms = {name: spent / n * 1000 for name, spent in
              (("tradex", cpu), ("plain", plain_cpu), ("same", same_cpu), ("bare", bare_cpu))}  # fmt: skip
        row = {"n": n, "bound_s": bound, "wall_s": wall, "bound_over_wall": bound / wall,
               "plain_wall_s": plain, "tradex_over_plain": wall / plain,
               "same_request_wall_s": same, "tradex_over_same_request": wall / same,
               "bare_http_wall_s": bare, "bare_http_bound_over_wall": bound / bare,
               "cpu_ms_per_article": ms["tradex"], "plain_cpu_ms_per_article": ms["plain"],
               "same_request_cpu_ms_per_article": ms["same"],
               "bare_http_cpu_ms_per_request": ms["bare"]}  # fmt: skip
        print(f"concurrency {concurrency:>2}: n={n} bound {bound:.2f} s, tradex {wall:.2f} s "
              f"(bound/wall {bound / wall:.2f}), CPU {ms['tradex']:.1f} ms/article\n"
              f"  plain loop, small request: {plain:.2f} s (tradex/plain {wall / plain:.2f}), "
              f"CPU {ms['plain']:.1f} ms/article\n"
              f"  plain loop, tradex's request: {same:.2f} s (tradex/plain {wall / same:.2f}), "
              f"CPU {ms['same']:.1f} ms/article\n"
              f"  httpx2 alone, tradex's request: {bare:.2f} s (bound/wall {bound / bare:.2f}), "
              f"CPU {ms['bare']:.1f} ms/request", flush=True)  # fmt: skip
        if concurrency == 32:
            cached, cached_cpu = asyncio.run(
                tradex_run(articles, url, store, work / "run-cached", concurrency)
            )
            row |= {"cached_wall_s": cached, "cached_cpu_ms_per_article": cached_cpu / n * 1000}
            results["cached_speedup"] = wall / cached
            print(f"cached re-run at concurrency 32: {cached:.2f} s, {wall / cached:.1f}x faster than the "
                  f"first run, CPU {cached_cpu / n * 1000:.1f} ms/article", flush=True)  # fmt: skip
        results[str(concurrency)] = row
    return results


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--latency", type=float, default=0.5)
    parser.add_argument("--serve", type=int, help=argparse.SUPPRESS)
    parser.add_argument(
        "--memory", type=int, nargs=2, default=(1000, 10000), help="article counts to compare"
    )
    args = parser.parse_args()
    if args.serve:
        serve(args.serve, args.latency)
        return
    results: dict[str, Any] = {"articles": args.articles, "latency_s": args.latency}
    server, url = start_server(args.latency)
    fast_server, fast_url = start_server(0.01)  # memory runs measure tradex, not waiting
    try:
        with tempfile.TemporaryDirectory() as tmp:
            work = Path(tmp)
            results["concurrency"] = concurrency_rows(url, args.latency, args.articles, work)
            small, large = args.memory
            rss = {n: memory_run(n, fast_url, work) for n in (small, large)}
            results["peak_rss_mb"] = rss
            print(f"peak RSS: {rss[small]} MB at {small} articles, {rss[large]} MB at {large} "
                  f"({rss[large] / rss[small]:.2f}x)", flush=True)  # fmt: skip
            results["help_s"] = min(process(sys.executable, "-m", "pipeline", "--help")[0] for _ in range(3))
            print(f"tradex --help: {results['help_s']:.2f} s (best of 3, whole process)", flush=True)
            big = work / "big.txt"
            big.write_text((article(1) + " ") * (1_000_000 // (len(article(1)) + 1)))
            rules = [
                "extract",
                str(big),
                "--backend",
                "rules",
                "--no-progress",
                "--out",
                str(work / "big-run"),
                "--max-article-chars",
                "2000000",
            ]
            results["rules_1mb_s"] = process(sys.executable, "-m", "pipeline", *rules)[0]
            print(f"--backend rules on a 1 MB article: {results['rules_1mb_s']:.2f} s (whole process)")
    finally:
        server.terminate()
        fast_server.terminate()
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(results, indent=2) + "\n")
    print(f"written to {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
