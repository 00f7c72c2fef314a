"""Benchmarks and scale checks for kg: generated corpora, baselines and throughput runs."""
