"""Benchmarks (`make bench`, `make bench-import`, `make bench-report`): figures, not pass/fail tests."""
