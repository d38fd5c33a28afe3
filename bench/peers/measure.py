"""Runs one command and prints, as JSON, its whole-process wall time, CPU time, peak RSS and stdout (the bench's stopwatch).

CPU time (user + system, all threads) is what the work costs whatever else runs on a shared machine;
wall time is what a user waits.
"""

import json
import os
import subprocess
import sys
import time


def main(argv: list[str]) -> None:
    started = time.perf_counter()
    child = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out, err = child.communicate()
    seconds = time.perf_counter() - started
    # The child is reaped by communicate(); RUSAGE_CHILDREN then holds its peak RSS (KB on Linux).
    import resource

    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    peak_kb = usage.ru_maxrss
    print(
        json.dumps(
            {
                "exit_code": child.returncode,
                "seconds": round(seconds, 3),
                "cpu_seconds": round(usage.ru_utime + usage.ru_stime, 3),
                "peak_rss_mb": round(peak_kb / 1024),
                "stdout": out.decode("utf-8", "replace"),
                "stderr": err.decode("utf-8", "replace")[-2000:],
            }
        )
    )


if __name__ == "__main__":
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    main(sys.argv[1:])
