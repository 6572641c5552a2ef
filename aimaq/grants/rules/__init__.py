"""The competition's rules as plain functions over plain data: gates, scoring, selection
within the fund, the exact best use, the committee's composition. No database here, so
the rules are fast and checked by properties (hypothesis)."""
