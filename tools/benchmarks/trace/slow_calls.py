#!/usr/bin/env python3
"""Lines up the slow calls of a trace-slow-calls.sh run with the kernel trace taken meanwhile.

Usage: python3 slow_calls.py OUT [CLUSTERS]

Prints, for the measured run:
  - CPU time by thread (S: = server thread, G: = generator thread, others by kernel name);
  - every thread of the server or generator that waited more than 1 ms to run after it was woken
    or preempted, and what held the vCPU it was queued on meanwhile;
  - the CLUSTERS (default 12) biggest clusters of slow calls (calls > 2 ms less than 20 ms apart):
    CPU by thread during the cluster, server threads blocked on I/O (D state) and for how long.
"""
import collections
import re
import sys

SWITCH = re.compile(r'^\s*(.+?)-(\d+)\s+\[(\d+)\].*?\s([\d.]+): sched_switch: prev_comm=(.*?) '
                    r'prev_pid=(\d+) prev_prio=\d+ prev_state=(\S+) ==> next_comm=(.*?) next_pid=(\d+)')
WAKEUP = re.compile(r'^\s*(.+?)-(\d+)\s+\[(\d+)\].*?\s([\d.]+): sched_wakeup: comm=(.*?) pid=(\d+) '
                    r'prio=\d+ target_cpu=(\d+)')


def read_names(out):
    names = {}
    for path, prefix in ((out + '.threads', 'S:'), (out + '.genthreads', 'G:')):
        try:
            for line in open(path):
                tid, name = line.rstrip('\n').split(' ', 1)
                names[int(tid)] = prefix + name
        except FileNotFoundError:
            pass
    return names


def read_slow(out):
    lines = open(out + '-slow.csv').read().splitlines()
    start = int(lines[0].split('=')[1]) / 1e9
    calls = [(float(d) / 1e3 + start, float(lat) / 1e3) for d, lat, _ in
             (l.split(',') for l in lines if l[:1].isdigit())]
    return start, calls


def measured_seconds(out):
    """The measured run's length, from the generator's report ("... calls in 10.0 s = ...")."""
    for line in open(out + '.gen'):
        m = re.search(r'open loop at .* calls in ([\d.]+) s', line)
        if m:
            return float(m.group(1))
    raise SystemExit(out + '.gen: no open-loop report from the generator')


def clusters(calls):
    out = []
    for due, latency in calls:
        if out and due - out[-1][1] < 0.02:
            c = out[-1]
            c[1] = max(c[1], due + latency); c[2] += 1; c[3] = max(c[3], latency)
        else:
            out.append([due, due + latency, 1, latency])
    return out


def main():
    out = sys.argv[1]
    shown = int(sys.argv[2]) if len(sys.argv) > 2 else 12
    names = read_names(out)
    start, calls = read_slow(out)
    end = start + measured_seconds(out)
    runs = []                              # (t0, t1, cpu, name) a thread ran on a vCPU
    on_cpu = {}                            # cpu -> (since, name)
    off = {}                               # tid -> (since, state) for server/generator threads
    blocked = []                           # (t0, t1, name) D-state stretches of server threads
    queued = {}                            # tid -> (since, cpu, why)
    waits = []                             # (t0, waited, name, cpu, why)
    for line in open(out + '.trace'):
        m = SWITCH.match(line)
        if m:
            t, cpu = float(m.group(4)), int(m.group(3))
            prev, state, nxt = int(m.group(6)), m.group(7), int(m.group(9))
            if cpu in on_cpu:
                runs.append((on_cpu[cpu][0], t, cpu, on_cpu[cpu][1]))
            on_cpu[cpu] = (t, names.get(nxt, m.group(8)))
            if prev in names:
                off[prev] = (t, state)
                if state.startswith('R'):
                    queued[prev] = (t, cpu, 'preempted')
            if nxt in off:
                t0, s = off.pop(nxt)
                if s.startswith('D') and names[nxt].startswith('S:'):
                    blocked.append((t0, t, names[nxt]))
            if nxt in queued:
                t0, qcpu, why = queued.pop(nxt)
                if t - t0 > 0.001 and start <= t0 <= end:
                    waits.append((t0, t - t0, names[nxt], qcpu, why))
            continue
        m = WAKEUP.match(line)
        if m and int(m.group(6)) in names:
            queued[int(m.group(6))] = (float(m.group(4)), int(m.group(7)), 'woken by ' + m.group(1)[:16])

    def cpu_by_name(a, b, cpu=None):
        c = collections.Counter()
        for t0, t1, rc, name in runs:
            o = min(t1, b) - max(t0, a)
            if o > 0 and (cpu is None or rc == cpu):
                c[re.sub(r'\d+$', '#', name)] += o
        return c

    fmt = lambda c, n: ', '.join('%s %.1f ms' % (k, v * 1e3) for k, v in c.most_common(n))
    print('slow calls (> 2 ms): %d' % len(calls))
    print('CPU during the run: ' + fmt(cpu_by_name(start, end), 12))
    print('\nwaits > 1 ms to run (%d):' % len(waits))
    for t0, d, name, cpu, why in sorted(waits, key=lambda w: -w[1])[:20]:
        print('  %+7.3f s %-20s %5.2f ms (%s, queued on cpu%d, which ran: %s)'
              % (t0 - start, name, d * 1e3, why, cpu, fmt(cpu_by_name(t0, t0 + d, cpu), 3)))
    for c in sorted(clusters(calls), key=lambda c: -c[2])[:shown]:
        a, b = c[0] - 0.003, c[1]
        print('\ncluster at %+.3f s: %d slow calls over %.1f ms, the slowest %.1f ms'
              % (c[0] - start, c[2], (b - a) * 1e3, c[3] * 1e3))
        print('  CPU: ' + fmt(cpu_by_name(a, b), 8))
        d = [(t1 - t0, n) for t0, t1, n in blocked if t1 > a and t0 < b]
        if d:
            print('  blocked on I/O: ' + ', '.join('%s %.1f ms' % (n, x * 1e3) for x, n in sorted(d, reverse=True)[:6]))


if __name__ == '__main__':
    main()
