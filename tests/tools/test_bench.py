"""The bench tool's measurements that need no browser: how busy the CPUs were."""

from __future__ import annotations

from e2e.bench.cli import busy_fraction, cpu_times


def test_the_bench_reads_how_busy_the_cpus_were_from_proc_stat():
    before = cpu_times("cpu  100 0 50 800 50 0 0 0 0 0\ncpu0 50 0 25 400 25 0 0 0 0 0\n")
    after = cpu_times("cpu  400 10 140 1000 50 0 0 0 0 0\ncpu0 1 2 3 4 5 6 7 8 9 10\n")
    assert before == (150, 1000)  # user + nice + system (+ irq, softirq, steal) of all CPUs
    assert after == (550, 1600)  # idle and iowait are the not-busy part
    assert busy_fraction(before, after) == 400 / 600
    assert busy_fraction(after, after) is None
