"""Benchmarks (not tests): `./dev bench`. Timings with a raw baseline measured in the same run."""
