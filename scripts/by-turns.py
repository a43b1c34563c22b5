#!/usr/bin/env python3
"""Times commands by turns (pplc adjudicate with different jars or JVM flags on the same input), so
that every variant sees the same load on a shared machine; prints each run and per-variant medians
of wall time and CPU (user + system of the child). Usage:
  scripts/by-turns.py ROUNDS CLAIMS.ndjson POLICY_DIR "label|jar|jvm flags" ...
"""
import subprocess, sys, statistics, resource, time, os
rounds = int(sys.argv[1]); inp = sys.argv[2]; policies = sys.argv[3]; variants = [v.split('|') for v in sys.argv[4:]]
res = {v[0]: [] for v in variants}
for r in range(rounds):
    for label, jar, flags in variants:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.time()
        subprocess.run(['java'] + flags.split() + ['-jar', jar, 'adjudicate', inp, '--policies', policies,
                        '--out', os.path.join(os.path.dirname(os.path.abspath(inp)), 'by-turns-%s.ndjson' % label)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wall = time.time() - t0
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        res[label].append((wall, cpu))
        print('round %d %-10s wall %.2f s cpu %.2f s  load %.1f' % (r + 1, label, wall, cpu, os.getloadavg()[0]), flush=True)
for label, runs in res.items():
    print('%-10s median wall %.2f s (%s), median cpu %.2f s' % (label, statistics.median(w for w, c in runs),
          ' '.join('%.2f' % w for w, c in runs), statistics.median(c for w, c in runs)))
