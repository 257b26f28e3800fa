"""`parley train`: refit the scoring heads from the shipped training data (deterministic)."""

from __future__ import annotations

import time

import click

from bot.cli._context import err_console, require_extra


@click.command()
@click.option(
    "--check",
    is_flag=True,
    help="Train into memory and compare with the shipped heads instead of overwriting them.",
)
def train(check: bool) -> None:
    """Train the per-code heads on the corpus `train` split and the 2026 messages.

    Thresholds come from grouped cross-validation (whole writers per fold); the test split
    is never read. Needs scikit-learn (the `train` extra; `make train` installs it).
    """
    require_extra("sklearn", "train", "parley train")
    from dialogues.scoring import heads as shipped
    from dialogues.scoring.train import train as fit_heads
    from dialogues.scoring.training_data import training_examples

    started = time.perf_counter()
    examples = training_examples()
    err_console.print(f"training on {len(examples)} messages …")
    model, meta = fit_heads(examples)
    if check:
        current = shipped.heads()
        same = current.to_bytes() == model.to_bytes()
        click.echo("identical to the shipped heads" if same else "DIFFERENT from the shipped heads")
        raise SystemExit(0 if same else 1)
    shipped.write(model, meta)
    shipped.heads.cache_clear()
    err_console.print(
        f"wrote {shipped.HEADS_DIR / shipped.HEADS_FILE} in {time.perf_counter() - started:.0f} s"
    )
