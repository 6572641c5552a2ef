"""The plans pages: thin adapters that parse the request, ask the one permission check,
call a service or a selector, and render. By page: `plans` (list, new, the plan, the
dashboard), `editing` (the five sections), `workflow` (quality, steps, amendments, diff),
`monitoring` (scorecard, reports, evaluations, roll-up), `files` (documents, exports)."""
