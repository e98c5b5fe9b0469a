"""Write hand-written responses into the response store, through the real pipeline.

Each file evals/handwritten/<version>/<article_id>.json lists the answers of successive
attempts. They are served by a scripted upstream transport to the real extractor, so the
stored requests are exactly what the openai client and instructor send (re-asks included),
and every stored response says `"source": "hand-written"` in its provenance.

    python evals/author_recordings.py            # all versions with hand-written answers
    python evals/author_recordings.py v2         # one version
"""

from __future__ import annotations

import asyncio
import json
import math
import shutil
import sys
from pathlib import Path
from typing import Any

import httpx2

from pipeline.core.errors import TradexError
from pipeline.extract.llm.client import Extractor, Settings
from pipeline.extract.llm.completions import tool_call_completion
from pipeline.extract.llm.prompts import load_prompt
from pipeline.extract.llm.store import RecordingTransport, ResponseStore, Source, StoreMode
from pipeline.io.articles import load_articles

ROOT = Path(__file__).resolve().parents[1]
HANDWRITTEN = ROOT / "evals" / "handwritten"


def estimated_tokens(text: str) -> int:
    return math.ceil(len(text) / 4)


class ScriptedUpstream(httpx2.AsyncBaseTransport):
    """Answers the n-th request for one article with its n-th hand-written attempt."""

    def __init__(self, article_id: str, attempts: list[dict[str, Any]], model: str) -> None:
        self.article, self.attempts, self.model = article_id, attempts, model
        self.served = 0

    async def handle_async_request(self, request: httpx2.Request) -> httpx2.Response:
        body = json.loads(await request.aread())
        article, n = self.article, self.served
        self.served += 1
        answer = self.attempts[n]
        completion = tool_call_completion(
            answer,
            model=self.model,
            prompt_tokens=estimated_tokens(json.dumps(body["messages"]) + json.dumps(body.get("tools"))),
            completion_tokens=estimated_tokens(json.dumps(answer)),
            completion_id=f"chatcmpl-handwritten-{article[:8]}-{n + 1}",
        )
        return httpx2.Response(200, json=completion)


async def author(version: str) -> None:
    prompt = load_prompt(version, ROOT / "prompts")
    files = sorted((HANDWRITTEN / version).glob("*.json"))
    scripts = {f.stem: json.loads(f.read_text()) for f in files}
    articles = load_articles([ROOT / "gold" / "articles" / f"{stem}.txt" for stem in scripts])
    model = prompt.spec.params.model
    target = ROOT / "evals" / "recordings"
    shutil.rmtree(target / version, ignore_errors=True)
    for article in articles:
        transport = RecordingTransport(
            ResponseStore(target),
            StoreMode.RECORD,
            upstream=ScriptedUpstream(article.id, scripts[article.id]["attempts"], model),
            source=Source.HAND_WRITTEN,
            note=scripts[article.id]["note"],
        )
        extractor = Extractor(prompt, Settings(model=model, http_retries=0), transport)
        try:
            result = await extractor.extract(article)
            n = len(result.observations)
            print(f"{version} {article.id}: {n} observations, {result.attempts} attempts")
        except TradexError as exc:
            print(f"{version} {article.id}: recorded a failing sequence: {exc.one_line()}")


def main(argv: list[str]) -> None:
    versions = argv or sorted(p.name for p in HANDWRITTEN.iterdir() if p.is_dir())
    for version in versions:
        asyncio.run(author(version))


if __name__ == "__main__":
    main(sys.argv[1:])
