"""The benchmark runner behind bench/run.py: servers, workloads, wrk, checks and result tables."""
