"""Benchmarks and evaluations, each run as a script (`python bench/load.py`); a package so that the scripts
import each other as `bench.…` and mypy checks them as one tree."""
