"""Importing observations: read (`readers`), check (`validation`, which lays the rows out in
DuckDB with `staging` and checks them with `checks`), write (`writing`).

The public entry points are in `aimaq.indicators.services`.
"""
