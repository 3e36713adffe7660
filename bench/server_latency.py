"""How fast ``notelint server`` answers an edit: didChange to publishDiagnostics.

A 200-entry file in the 10k-entry benchmark corpus (bench/corpus.py), debounce 0, one word
changed per edit; median and 95th percentile over the edits (target: 30 ms / 80 ms). Also the
start-up: initialize to the first diagnostics of the opened file (the index of the workspace
included), the server's resident memory once the workspace is indexed, at 10k and 50k entries
(target: at most 200 MB at 50k), and as a baseline in the same run, one ``notelint check`` of
that file from a fresh process, which is what an editor without the server pays per save.

    python bench/server_latency.py [--edits 60] [--no-50k]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import subprocess
import sys
import time
from pathlib import Path

from lsprotocol import types
from pygls.lsp.client import LanguageClient

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from bench.run import corpus_for  # noqa: E402


def resident_mb(pid: int) -> float:
    """The process's resident set (Linux /proc), in MB; 0 where it cannot be read."""
    try:
        status = Path(f"/proc/{pid}/status").read_text(encoding="ascii")
    except OSError:
        return 0.0
    for line in status.splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


async def measure(folder: Path, name: str, edits: int) -> dict[str, float]:
    client = LanguageClient("bench", "1")
    arrived: asyncio.Queue[float] = asyncio.Queue()

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def _pushed(params: types.PublishDiagnosticsParams) -> None:
        arrived.put_nowait(time.perf_counter())

    path = folder / "notes" / name
    uri = path.resolve().as_uri()
    text = path.read_text(encoding="utf-8")
    started = time.perf_counter()
    await client.start_io(sys.executable, "-m", "notelint", "server", cwd=str(folder))
    await client.initialize_async(
        types.InitializeParams(
            capabilities=types.ClientCapabilities(),
            root_uri=folder.resolve().as_uri(),
            initialization_options={"debounce": 0},
        )
    )
    client.initialized(types.InitializedParams())
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(
                uri=uri, language_id="markdown", version=1, text=text
            )
        )
    )
    first = await asyncio.wait_for(arrived.get(), 600) - started
    server = client._server  # (pygls keeps the process it started here)
    memory = resident_mb(server.pid) if server is not None else 0.0
    latencies = []
    for version in range(2, edits + 2):
        edited = text.replace("the", f"the{'x' * (version % 3)}", 1)
        sent = time.perf_counter()
        client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
                content_changes=[types.TextDocumentContentChangeWholeDocument(text=edited)],
            )
        )
        latencies.append(await asyncio.wait_for(arrived.get(), 60) - sent)
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    if not latencies:
        return {"memory after indexing, MB": memory, "first diagnostics": first}
    latencies.sort()
    return {
        "memory after indexing, MB": memory,
        "first diagnostics after start (index included)": first,
        "didChange → diagnostics, median": statistics.median(latencies),
        "didChange → diagnostics, p95": latencies[int(0.95 * (len(latencies) - 1))],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edits", type=int, default=60)
    parser.add_argument("--no-50k", action="store_true", help="skip the 50k-entry memory run")
    options = parser.parse_args()
    folder = corpus_for(10_000)
    name = sorted(p.name for p in (folder / "notes").glob("*.md"))[0]
    figures = asyncio.run(measure(folder, name, options.edits))
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "notelint", "check", "--no-cache", f"notes/{name}"],
        cwd=folder,
        capture_output=True,
    )
    baseline = time.perf_counter() - started
    print(f"notelint server on a 200-entry file in a 10k-entry workspace ({options.edits} edits)")
    for label, value in figures.items():
        if label.endswith("MB"):
            print(f"  {label:<50} {value:9.1f} MB")
        else:
            print(f"  {label:<50} {value * 1000:9.1f} ms")
    print(f"  baseline: notelint check of that file, new process   {baseline * 1000:9.1f} ms")
    median = figures["didChange → diagnostics, median"]
    print(f"  ratio baseline / server median: {baseline / median:.1f}x")
    if not options.no_50k:
        big = corpus_for(50_000)
        first_name = sorted(p.name for p in (big / "notes").glob("*.md"))[0]
        at_50k = asyncio.run(measure(big, first_name, 0))
        print(
            f"  50k-entry workspace: memory after indexing "
            f"{at_50k['memory after indexing, MB']:.1f} MB, first diagnostics "
            f"{at_50k['first diagnostics']:.1f} s"
        )


if __name__ == "__main__":
    main()
