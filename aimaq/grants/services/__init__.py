"""Writes of the grants app, one module per stage: intake, gates, committee, decision,
results (publication, notifications, appeals) and follow-up (awards, monitoring)."""
