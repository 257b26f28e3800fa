"""The session's persistent buttons (Hint, End, Debrief, Try again from a turn) and the
facilitator's whisper modal.

The buttons are `DynamicItem`s: the session id travels in the `custom_id`
(`parley:<action>:<session id>`, far below Discord's 100 characters), so after a restart
the bot matches a click to its session with no view kept in memory. They are registered
in `setup_hook` (through the extension's `setup`) with `add_dynamic_items`.
"""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING, Any

import discord

from bot.errors import tell
from bot.persona import NO_MENTIONS

if TYPE_CHECKING:
    from bot.exts.sessions.sessions import Sessions

log = logging.getLogger(__name__)

ACTIONS = {
    "hint": ("Hint", discord.ButtonStyle.secondary, "💡"),
    "end": ("End session", discord.ButtonStyle.danger, "⏹️"),
    "debrief": ("Debrief", discord.ButtonStyle.primary, "📋"),
}


def _cog(interaction: discord.Interaction) -> Sessions:
    cog = interaction.client.get_cog("Sessions")  # type: ignore[attr-defined]
    if cog is None:
        raise RuntimeError("the Sessions extension is not loaded")
    return cog


async def reply_ephemeral(interaction: discord.Interaction, text: str) -> None:
    """Answer with a short private message, whether or not the interaction was deferred."""
    if interaction.response.is_done():
        await interaction.followup.send(text, ephemeral=True, allowed_mentions=NO_MENTIONS)
    else:
        await interaction.response.send_message(text, ephemeral=True, allowed_mentions=NO_MENTIONS)


BUTTON = re.compile(r"parley:(?P<action>hint|end|debrief):(?P<session>[0-9a-zA-Z_-]{1,64})")


class SessionButton(discord.ui.DynamicItem[discord.ui.Button], template=BUTTON):
    """A button of one session's control message; works after any restart."""

    def __init__(self, action: str, session_id: str):
        label, style, emoji = ACTIONS[action]
        super().__init__(
            discord.ui.Button(
                label=label, style=style, emoji=emoji, custom_id=f"parley:{action}:{session_id}"
            )
        )
        self.action = action
        self.session_id = session_id

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str], /
    ) -> SessionButton:
        return cls(match["action"], match["session"])

    async def callback(self, interaction: discord.Interaction) -> Any:
        try:
            await _cog(interaction).on_button(interaction, self.action, self.session_id)
        except Exception as exc:  # every failure reaches the user and the log
            await tell(interaction, exc)


def control_view(session_id: str, mode: str) -> discord.ui.View:
    """The control message's buttons; Hint only in coach mode."""
    view = discord.ui.View(timeout=None)
    actions = ("hint", "end", "debrief") if mode == "coach" else ("end", "debrief")
    for action in actions:
        view.add_item(SessionButton(action, session_id))
    return view


# A message holds at most 25 buttons (5 rows of 5).
MAX_RETRY_BUTTONS = 25


class RetryButton(
    discord.ui.DynamicItem[discord.ui.Button],
    template=r"parley:retry:(?P<session>[0-9a-zA-Z_-]{1,64}):(?P<turn>[0-9]{1,4})",
):
    """ "Try again from here" on one of the trainee's turns: a branch that keeps the turns
    before it, in a new thread. Persistent like the control buttons."""

    def __init__(self, session_id: str, turn: int):
        super().__init__(
            discord.ui.Button(
                label=f"Turn {turn}",
                style=discord.ButtonStyle.secondary,
                emoji="↩️",
                custom_id=f"parley:retry:{session_id}:{turn}",
            )
        )
        self.session_id = session_id
        self.turn = turn

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str], /
    ) -> RetryButton:
        return cls(match["session"], int(match["turn"]))

    async def callback(self, interaction: discord.Interaction) -> Any:
        try:
            await _cog(interaction).retry_from(interaction, self.session_id, self.turn)
        except Exception as exc:  # every failure reaches the user and the log
            await tell(interaction, exc)


def retry_view(session_id: str, turns: int) -> discord.ui.View | None:
    """ "Try again from turn N" buttons for a session's turns (1-based; the last 25 when
    there are more), or None when nothing was played."""
    if turns <= 0:
        return None
    view = discord.ui.View(timeout=None)
    for turn in range(max(1, turns - MAX_RETRY_BUTTONS + 1), turns + 1):
        view.add_item(RetryButton(session_id, turn))
    return view


WHISPER_FORM = re.compile(r"parley:whisper:(?P<session>[0-9a-zA-Z_-]{1,64})")
WHISPER_TEXT = "parley:whisper-text"


class WhisperModal(discord.ui.Modal, title="Whisper to the counterpart"):
    """A facilitator's private instruction; the trainee never sees it.

    The form carries its session in its custom id and is answered by that id (the Sessions
    cog's `on_interaction`), not by this object: a form opened before a restart and submitted
    after it is still answered. `whisper_form` sends it without registering it in memory.
    """

    text: discord.ui.TextInput = discord.ui.TextInput(
        label="Instruction",
        custom_id=WHISPER_TEXT,
        style=discord.TextStyle.paragraph,
        placeholder="e.g. Soften a little if they acknowledge the convoy delay.",
        max_length=1000,
    )

    def __init__(self, session_id: str):
        super().__init__(timeout=None, custom_id=f"parley:whisper:{session_id}")
        self.session_id = session_id


def whisper_form(session_id: str) -> WhisperModal:
    """The whisper form for `session_id`, stopped so discord.py does not wait for it."""
    form = WhisperModal(session_id)
    form.stop()  # a stopped modal is not kept in discord.py's view store
    return form


def submitted_whisper(interaction: discord.Interaction) -> tuple[str, str] | None:
    """(session id, text) when `interaction` submits a whisper form, else None."""
    if interaction.type is not discord.InteractionType.modal_submit:
        return None
    data: Any = interaction.data or {}
    match = WHISPER_FORM.fullmatch(str(data.get("custom_id", "")))
    if match is None:
        return None
    return match["session"], _field(data.get("components") or [], WHISPER_TEXT)


def _field(components: list[Any], custom_id: str) -> str:
    """The submitted value of the text input `custom_id`, wherever the layout nests it."""
    for component in components:
        if not isinstance(component, dict):
            continue
        if component.get("custom_id") == custom_id:
            return str(component.get("value") or "")
        nested = list(component.get("components") or [])
        if isinstance(component.get("component"), dict):
            nested.append(component["component"])
        found = _field(nested, custom_id)
        if found:
            return found
    return ""


def session_of_control(message: discord.Message) -> str | None:
    """The session whose control buttons `message` carries (the first message of its thread)."""
    for row in message.components:
        for child in getattr(row, "children", ()):
            match = BUTTON.fullmatch(getattr(child, "custom_id", None) or "")
            if match:
                return match["session"]
    return None
