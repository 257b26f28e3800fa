"""Sessions in threads: `/session ...`, `/practice`, trainee turns, buttons, restart catch-up."""
