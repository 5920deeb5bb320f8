"""Developer tooling: benchmarks, demo data, NLU evaluation and the local stack for tests.

Product code never imports it (tests/unit/test_import_direction.py).
"""
