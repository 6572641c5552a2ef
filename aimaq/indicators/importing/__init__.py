"""Importing observations: read (`readers`), check (`validation`), write (`writing`).

The public entry points are in `aimaq.indicators.services`.
"""
