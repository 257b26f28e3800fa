"""Charts are checked for what they plot (series read back from the figure by `gid`) and for
pixels that are not blank (the PNG decoded), never only for a file existing."""

from __future__ import annotations

import io

import numpy as np
import pytest

from dialogues.memory_store import MemoryStore
from dialogues.service import SessionService
from tests.bot.helpers import SCENARIO_ID, make_service


@pytest.fixture
def service() -> SessionService:
    return make_service(MemoryStore())


def play(service: SessionService, *texts: str, seed: int = 1) -> str:
    """A session of the test scenario with `texts` played; its id."""
    session_id = service.start(SCENARIO_ID, trainee="t1", seed=seed).session.id
    for text in texts:
        service.handle_turn(session_id, text)
    return session_id


def plotted(figure, gid: str) -> tuple[list[float], list[float]]:
    """The x and y data of the one line (or scatter) drawn with this `gid`."""
    found = [
        artist
        for ax in figure.axes
        for artist in [*ax.get_lines(), *ax.collections]
        if artist.get_gid() == gid
    ]
    assert len(found) == 1, f"{len(found)} artists with gid {gid!r}"
    (artist,) = found
    if hasattr(artist, "get_xdata"):
        return list(map(float, artist.get_xdata())), list(map(float, artist.get_ydata()))
    offsets = artist.get_offsets()
    return [float(x) for x, _ in offsets], [float(y) for _, y in offsets]


def gids(figure) -> set[str]:
    return {
        artist.get_gid()
        for ax in figure.axes
        for artist in [*ax.get_lines(), *ax.collections]
        if artist.get_gid()
    }


def decoded(data: bytes) -> np.ndarray:
    """The PNG's pixels (height x width x RGBA floats), checked to be a picture, not blank."""
    from matplotlib import image

    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    pixels = image.imread(io.BytesIO(data), format="png")
    rgb = pixels[..., :3]
    assert rgb.var() > 0.005, "the image is (nearly) one colour"
    assert (rgb.mean(axis=2) < 0.9).mean() > 0.01, "almost no pixel is drawn"
    return pixels
