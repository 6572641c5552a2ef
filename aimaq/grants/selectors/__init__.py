"""Reads of the grants app that build its pages, API answers, exports and documents."""
