#!/usr/bin/env python3
"""tolk's whole-product benchmark: the real `tolk` jar against both API simulators, each in its own process.

Usage (from the repository root; `bench/run e2e ...` runs exactly this):

    bench/run e2e [--records 145000] [--small 30000] [--repeat 3] [--only 1,2,3,4,5,6]
                  [--json FILE] [--bisect] [--xmx 64m,2048m,32m] [--ports 9201,9202] [--keep] ...

    bench/run e2e --records 5000 --small 2000 --repeat 1            # a quick check (~4 minutes)
    bench/run e2e --records 5000 --small 0 --repeat 1 --only 1 --bisect

Scenarios (details, figures and the minimum API calls: bench/README.md):
  1  initial sync of all PowerOffice records into an empty Zoho (`tolk sync --once`, fresh simulators and store)
  2  the same with every 2nd record pre-seeded in Zoho by `copier copy --every 2` (tolk must link, not duplicate)
  3  on converged data: `copier edit --percent 1` on both sides, then `tolk sync --once`; the edits must arrive
  4  idle cycles of a long-running `tolk sync` (interval 1s) on converged data; the first 2 cycles are discarded;
     compared with `copier scan` (a bare full PowerOffice scan + Zoho If-Modified-Since read) in a warm JVM
  5  the plain copier (`copier copy`) on the same data: the baseline of scenario 1
  6  vendor limits on (simulators without --no-limits, tolk's default requestsPerSecond 10), a moderate size,
     createInPoweroffice on: achieved request rate vs the allowed one, and 429s
Scenarios 1-5 run at --records; 1, 4 and 5 again at --small (0 = skip). --bisect finds the smallest -Xmx that
completes for scenarios 1 and 4 at both sizes.

Figures per run: wall and CPU (user+sys from the child's rusage, os.wait4), peak RSS (ru_maxrss), the largest live
heap after GC (from -Xlog:gc: the largest "after" size of Full/Remark pauses, else of any pause), API calls per
system from the simulators' /__sim/counters (reset before each measured run) against the minimum the harness
computes, records per second. A table of medians (min-max) is printed; every raw figure goes to the JSON file.

Standard library only. Children run in their own process groups and are killed on exit (atexit, SIGINT/SIGTERM);
temporary files live under /tmp/tolk-bench-* and are removed unless --keep (or a scenario could not run: then
the path is printed). Exit code: 0 every check and target met, 1 some not met, 2 a scenario could not run.
Environment: TOLK_JAR (default tolk-app/target/tolk.jar, built with `mvn -q -B -DskipTests package` when missing),
JAVA (default `java`).
"""

import argparse
import atexit
import datetime
import json
import math
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request

BENCH = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(BENCH)
JAVA = os.environ.get("JAVA", "java")
COPIER_DIR = os.path.join(BENCH, "copier")
COPIER_JAR = os.path.join(COPIER_DIR, "target", "tolk-bench-copier.jar")
PO_PAGE = 20000
ZOHO_PAGE = 200
ZOHO_BATCH = 100
SMALL_SCENARIOS = (1, 4, 5)
CLK_TCK = os.sysconf("SC_CLK_TCK")

_children = []  # Popen objects still possibly running
_t_start = time.time()


def log(msg):
    print("[e2e %7.1fs] %s" % (time.time() - _t_start, msg), file=sys.stderr, flush=True)


class BenchError(Exception):
    pass


# --------------------------------------------------------------------------------------------- processes

def _kill_group(proc, sig):
    try:
        os.killpg(proc.pid, sig)
    except (ProcessLookupError, PermissionError):
        pass


def stop(proc, grace=10.0):
    """SIGTERM to the child's process group, SIGKILL after `grace` seconds. Returns the exit code if reaped here."""
    if proc is None:
        return None
    if proc.returncode is None:
        _kill_group(proc, signal.SIGTERM)
        try:
            proc.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            _kill_group(proc, signal.SIGKILL)
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                pass
        except ChildProcessError:
            pass
    if proc in _children:
        _children.remove(proc)
    return proc.returncode


def kill_all():
    for p in list(_children):
        stop(p, grace=5.0)


def _on_signal(signum, frame):
    log("signal %d: stopping children" % signum)
    kill_all()
    sys.exit(128 + signum)


atexit.register(kill_all)
for _s in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
    signal.signal(_s, _on_signal)


def spawn(cmd, stdout_path, stderr_path=None, cwd=None):
    out = open(stdout_path, "wb")
    err = open(stderr_path, "wb") if stderr_path else subprocess.STDOUT
    try:
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, stdin=subprocess.DEVNULL, cwd=cwd,
                                start_new_session=True)
    finally:
        out.close()
        if stderr_path:
            err.close()
    _children.append(proc)
    return proc


def run_measured(cmd, stdout_path, stderr_path, timeout, cwd=None, on_poll=None, poll=0.02):
    """Runs cmd as a child (own process group); returns rc, wall, user/sys CPU and peak RSS from os.wait4.
    on_poll(proc, elapsed) is called every `poll` seconds while it runs; returning "stop" sends SIGTERM."""
    load_before = os.getloadavg()[0]
    t0 = time.monotonic()
    proc = spawn(cmd, stdout_path, stderr_path, cwd=cwd)
    timed_out = False
    stopped = False
    stop_sent = None
    try:
        while True:
            pid, status, ru = os.wait4(proc.pid, os.WNOHANG)
            if pid != 0:
                break
            elapsed = time.monotonic() - t0
            if elapsed > timeout and not timed_out:
                timed_out = True
                log("timeout after %.0f s: killing %s" % (timeout, " ".join(cmd[-6:])))
                _kill_group(proc, signal.SIGKILL)
            if on_poll is not None and not stopped and not timed_out:
                if on_poll(proc, elapsed) == "stop":
                    stopped = True
                    stop_sent = time.monotonic()
                    _kill_group(proc, signal.SIGTERM)
            if stop_sent is not None and time.monotonic() - stop_sent > 30:
                _kill_group(proc, signal.SIGKILL)
                stop_sent = None
            time.sleep(poll)
    finally:
        if proc.returncode is None and 'status' not in locals():
            stop(proc)
    wall = time.monotonic() - t0
    rc = os.waitstatus_to_exitcode(status)
    proc.returncode = rc
    if proc in _children:
        _children.remove(proc)
    return {"rc": rc, "wall_s": round(wall, 3), "user_s": round(ru.ru_utime, 3), "sys_s": round(ru.ru_stime, 3),
            "cpu_s": round(ru.ru_utime + ru.ru_stime, 3), "maxrss_mb": round(ru.ru_maxrss / 1024.0, 1),
            "timed_out": timed_out, "stopped_by_harness": stopped,
            "loadavg_1m": [round(load_before, 2), round(os.getloadavg()[0], 2)]}


def proc_cpu_s(pid):
    """user+sys seconds of a live process from /proc (None when unreadable)."""
    try:
        with open("/proc/%d/stat" % pid) as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / CLK_TCK
    except (OSError, IndexError, ValueError):
        return None


# --------------------------------------------------------------------------------------------- HTTP

def http_json(method, url, body=None, timeout=30):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(url, data=data, method=method,
                                 headers={"Content-Type": "application/json"} if data is not None else {})
    with urllib.request.urlopen(req, timeout=timeout) as r:
        raw = r.read()
        return json.loads(raw) if raw else None


def port_in_use(port):
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.settimeout(0.5)
        return s.connect_ex(("127.0.0.1", port)) == 0


# --------------------------------------------------------------------------------------------- simulators

class Sim:
    def __init__(self, kind, port, records, limits, xmx, workdir, tolk_jar):
        self.kind, self.port, self.records, self.limits = kind, port, records, limits
        self.base = "http://127.0.0.1:%d" % port
        if port_in_use(port):
            raise BenchError("port %d is already in use (another simulator or program?); choose others with --ports"
                             % port)
        cmd = [JAVA, "-Xmx" + xmx, "-jar", tolk_jar, "simulate", kind, "--port", str(port), "--records", str(records)]
        if not limits:
            cmd.append("--no-limits")
        self.log_path = os.path.join(workdir, "sim-%s.log" % kind)
        self.proc = spawn(cmd, self.log_path)
        self._wait_up(timeout=900)

    def _wait_up(self, timeout):
        t0 = time.monotonic()
        while time.monotonic() - t0 < timeout:
            if self.proc.poll() is not None:
                raise BenchError("the %s simulator exited with %s; its log %s says:\n%s"
                                 % (self.kind, self.proc.returncode, self.log_path, tail(self.log_path)))
            try:
                self.counters()
                return
            except (urllib.error.URLError, ConnectionError, OSError):
                time.sleep(0.25)
        raise BenchError("the %s simulator did not answer on port %d within %d s" % (self.kind, self.port, timeout))

    def counters(self):
        return http_json("GET", self.base + "/__sim/counters", timeout=10)

    def reset_counters(self):
        http_json("POST", self.base + "/__sim/counters/reset", body={})

    def reset_data(self):
        http_json("POST", self.base + "/__sim/reset", body={})

    def limits_state(self):
        return http_json("GET", self.base + "/__sim/limits")

    def stop(self):
        stop(self.proc)


def tail(path, n=15):
    try:
        with open(path, "rb") as f:
            return "\n".join(f.read().decode("utf-8", "replace").splitlines()[-n:])
    except OSError:
        return "(no log)"


def calls_of(counters):
    """API calls from a /__sim/counters snapshot: every routed operation (token calls included, admin excluded)."""
    ops = counters.get("byOperation", {})
    return {"total": sum(ops.values()), "reads": counters.get("reads", 0), "writes": counters.get("writes", 0),
            "recordsWritten": counters.get("recordsWritten", 0), "throttled": counters.get("throttled", 0),
            "byOperation": ops}


def diff_counters(a, b):
    """b - a for two counter snapshots."""
    ops = {}
    for k in set(a.get("byOperation", {})) | set(b.get("byOperation", {})):
        d = b.get("byOperation", {}).get(k, 0) - a.get("byOperation", {}).get(k, 0)
        if d:
            ops[k] = d
    return {"byOperation": ops, **{k: b.get(k, 0) - a.get(k, 0) for k in ("reads", "writes", "recordsWritten",
                                                                          "throttled")}}


# --------------------------------------------------------------------------------------------- environment

class Env:
    """Both simulators, a store folder and a tolk.yaml pointing at them."""

    def __init__(self, bench, name, records, zoho_records=0, limits=False, create_in_po=False):
        self.bench = bench
        self.dir = os.path.join(bench.tmp, name)
        os.makedirs(self.dir, exist_ok=True)
        self.po = self.zoho = None
        try:
            log("%s: starting simulators (PowerOffice --records %d, Zoho --records %d, limits %s)"
                % (name, records, zoho_records, "on" if limits else "off"))
            self.po = Sim("poweroffice", bench.ports[0], records, limits, bench.args.sim_xmx, self.dir, bench.tolk_jar)
            self.zoho = Sim("zoho", bench.ports[1], zoho_records, limits, bench.args.sim_xmx, self.dir,
                            bench.tolk_jar)
        except BaseException:
            self.stop()
            raise
        self.store = os.path.join(self.dir, "tolk.db")
        self.yaml = os.path.join(self.dir, "tolk.yaml")
        lines = ["store: sqlite:%s" % self.store,
                 "poweroffice:",
                 "  apiUrl: %s/v2" % self.po.base,
                 "  tokenUrl: %s/OAuth/Token" % self.po.base,
                 "  applicationKey: demo-app",
                 "  clientKey: demo-client",
                 "  subscriptionKey: demo-sub"]
        if not limits:
            lines.append("  requestsPerSecond: off")
        lines += ["zoho:",
                  "  apiDomain: %s" % self.zoho.base,
                  "  accountsUrl: %s" % self.zoho.base,
                  "  clientId: demo-client",
                  "  clientSecret: demo-secret",
                  "  refreshToken: demo-refresh",
                  "sync:",
                  "  interval: 1s"]
        if create_in_po:
            lines.append("  createInPoweroffice: true")
        with open(self.yaml, "w") as f:
            f.write("\n".join(lines) + "\n")
        self.seq = 0

    def reset_counters(self):
        self.po.reset_counters()
        self.zoho.reset_counters()

    def counters(self):
        return {"poweroffice": self.po.counters(), "zoho": self.zoho.counters()}

    def path(self, name):
        self.seq += 1
        return os.path.join(self.dir, "%02d-%s" % (self.seq, name))

    def fresh_store(self):
        for f in os.listdir(self.dir):
            if f.startswith("tolk.db"):
                os.remove(os.path.join(self.dir, f))

    def save_store(self, to):
        os.makedirs(to, exist_ok=True)
        for f in os.listdir(self.dir):
            if f.startswith("tolk.db"):
                shutil.copy2(os.path.join(self.dir, f), os.path.join(to, f))

    def restore_store(self, frm):
        self.fresh_store()
        for f in os.listdir(frm):
            shutil.copy2(os.path.join(frm, f), os.path.join(self.dir, f))

    def stop(self):
        for s in (self.po, self.zoho):
            if s is not None:
                s.stop()


# --------------------------------------------------------------------------------------------- tolk output

CYCLE_RE = re.compile(r"^Cycle for connection '(?P<conn>[^']*)' finished in (?P<s>[\d.]+) s: (?P<outcome>.+)\.$")
ROW_RE = re.compile(r"^(?P<flow>F\d+|total)\s+" + r"\s+".join(r"(\d+)" for _ in range(8)) + r"\s*$")
API_RE = re.compile(r"^API calls: (?P<calls>.*)$")
COLS = ("read", "created", "updated", "linked", "failed", "conflicts", "review", "deleted")


def parse_cycles(text):
    """The per-cycle summaries `tolk sync` prints (tolk-app Reports.summary)."""
    cycles = []
    cur = None
    for line in text.splitlines():
        m = CYCLE_RE.match(line)
        if m:
            cur = {"seconds": float(m.group("s")), "outcome": m.group("outcome"), "flows": {}, "api": {},
                   "warnings": []}
            cycles.append(cur)
            continue
        if cur is None:
            continue
        m = ROW_RE.match(line)
        if m:
            cur["flows"][m.group("flow")] = dict(zip(COLS, (int(x) for x in m.groups()[1:])))
            continue
        m = API_RE.match(line)
        if m:
            calls = m.group("calls").strip()
            if calls != "none":
                for part in calls.split(","):
                    name, _, n = part.strip().rpartition(" ")
                    cur["api"][name] = int(n)
            continue
        if line.startswith("Warning: "):
            cur["warnings"].append(line[9:])
    return cycles


def cycle_ok(c):
    return c is not None and c["outcome"] == "ok" and c["flows"].get("total", {}).get("failed", 1) == 0


GC_RE = re.compile(r"Pause (?P<kind>Young|Full|Remark|Cleanup)[^\n]*?\s(?P<b>\d+)(?P<bu>[KMG])->(?P<a>\d+)(?P<au>[KMG])"
                   r"\((?P<c>\d+)(?P<cu>[KMG])\)")
UNIT = {"K": 1 / 1024.0, "M": 1.0, "G": 1024.0}


def parse_gc(path):
    """Largest heap occupancy after GC (MB). Preferred: Full/Remark pauses; else any pause (an upper bound)."""
    try:
        with open(path, errors="replace") as f:
            text = f.read()
    except OSError:
        return {"live_heap_mb": None, "method": "no gc log"}
    after_any, after_fr, committed, n = [], [], [], 0
    for m in GC_RE.finditer(text):
        n += 1
        a = int(m.group("a")) * UNIT[m.group("au")]
        after_any.append(a)
        committed.append(int(m.group("c")) * UNIT[m.group("cu")])
        if m.group("kind") in ("Full", "Remark"):
            after_fr.append(a)
    res = {"pauses": n, "max_after_any_mb": round(max(after_any), 1) if after_any else None,
           "max_after_full_remark_mb": round(max(after_fr), 1) if after_fr else None,
           "max_committed_mb": round(max(committed), 1) if committed else None}
    if after_fr:
        res["live_heap_mb"], res["method"] = res["max_after_full_remark_mb"], "max after Full/Remark"
    elif after_any:
        res["live_heap_mb"], res["method"] = res["max_after_any_mb"], "max after any pause (upper bound)"
    else:
        res["live_heap_mb"], res["method"] = None, "no GC pause logged"
    return res


def read_text(path):
    try:
        with open(path, "rb") as f:
            return f.read().decode("utf-8", "replace")
    except OSError:
        return ""


# --------------------------------------------------------------------------------------------- the minimum

def pages(n, size):
    return max(1, math.ceil(n / size))


def batches(n, size=ZOHO_BATCH):
    return math.ceil(max(0, n) / size)


def po_min(po, writes=0, token=True):
    customers = po["companies"] + po["persons"] + po.get("archived", 0)
    return (1 if token else 0) + pages(customers, PO_PAGE) + pages(po["departments"], PO_PAGE) + writes


def zoho_min(list_accounts, list_contacts, writes, per_process=True):
    """token 1 + field metadata once per module (2) + deleted feed once per module (2), when per_process."""
    return (5 if per_process else 2) + pages(list_accounts, ZOHO_PAGE) + pages(list_contacts, ZOHO_PAGE) + writes


def api_check(actual, minimum):
    ok = True
    detail = {}
    for system in ("poweroffice", "zoho"):
        a, m = actual.get(system), minimum.get(system)
        if a is None or m is None:
            continue
        allowed = max(m + 5, 1.02 * m)
        detail[system] = {"actual": a, "min": m, "allowed": round(allowed, 1), "ratio": round(a / m, 3) if m else None}
        ok = ok and a <= allowed
    return ok, detail


# --------------------------------------------------------------------------------------------- statistics

def med(xs):
    xs = [x for x in xs if x is not None]
    return statistics.median(xs) if xs else None


def fmt_range(xs, digits=1):
    xs = [x for x in xs if x is not None]
    if not xs:
        return "-"
    m = statistics.median(xs)
    f = "%%.%df" % digits
    if len(xs) == 1 or min(xs) == max(xs):
        return f % m
    return (f + " (" + f + "-" + f + ")") % (m, min(xs), max(xs))


# --------------------------------------------------------------------------------------------- the benchmark

class Bench:
    def __init__(self, args):
        self.args = args
        self.ports = [int(p) for p in args.ports.split(",")]
        if len(self.ports) != 2:
            raise BenchError("--ports takes two ports: PO,ZOHO")
        self.only = sorted({int(x) for x in args.only.split(",") if x.strip()})
        bad = [x for x in self.only if x not in range(1, 7)]
        if bad:
            raise BenchError("--only: no scenario %s (1-6)" % bad)
        self.tmp = tempfile.mkdtemp(prefix="tolk-bench-", dir="/tmp")
        self.runs = []
        self.bisect = []
        self.errors = 0  # harness errors (a scenario could not run): temp files are kept
        self.tolk_jar = None
        self.json_path = args.json or os.path.join(
            BENCH, "results", "e2e-%s.json" % datetime.datetime.now().strftime("%Y%m%d-%H%M%S"))
        self.started = datetime.datetime.now().isoformat(timespec="seconds")

    # ------------------------------------------------------------------ build

    def prepare(self):
        jar = os.environ.get("TOLK_JAR") or os.path.join(REPO, "tolk-app", "target", "tolk.jar")
        if not os.path.isabs(jar):
            jar = os.path.join(REPO, jar)
        if not os.path.exists(jar):
            if os.environ.get("TOLK_JAR"):
                raise BenchError("TOLK_JAR=%s does not exist" % jar)
            log("no %s: building it (mvn -q -B -DskipTests package)" % jar)
            subprocess.run(["mvn", "-q", "-B", "-DskipTests", "package"], cwd=REPO, check=True)
        self.tolk_jar = jar
        newest = max(os.path.getmtime(os.path.join(d, f)) for d, _, fs in os.walk(os.path.join(COPIER_DIR, "src"))
                     for f in fs)
        newest = max(newest, os.path.getmtime(os.path.join(COPIER_DIR, "pom.xml")))
        if self.args.build_copier or not os.path.exists(COPIER_JAR) or os.path.getmtime(COPIER_JAR) < newest:
            log("building the copier (mvn -q -B -f bench/copier/pom.xml package)")
            subprocess.run(["mvn", "-q", "-B", "-f", os.path.join(COPIER_DIR, "pom.xml"), "package"], cwd=REPO,
                           check=True)
        log("tolk jar %s; copier %s; temp %s" % (self.tolk_jar, COPIER_JAR, self.tmp))

    # ------------------------------------------------------------------ runners

    def tolk_cmd(self, env, label, once=True, xmx=None):
        xmx = xmx or self.args.tolk_xmx
        gc = env.path(label + ".gc.log")
        cmd = [JAVA]
        if xmx:
            cmd.append("-Xmx" + xmx)
        cmd += ["-XX:+ExitOnOutOfMemoryError", "-Xlog:gc:file=%s" % gc, "-jar", self.tolk_jar, "sync"]
        if once:
            cmd.append("--once")
        cmd += ["-c", env.yaml]
        return cmd, gc

    def tolk_once(self, env, label, xmx=None, timeout=None, reset=True, on_poll=None):
        """One `tolk sync --once`, counters reset before; the run's figures, summary and API calls."""
        if reset:
            env.reset_counters()
        cmd, gc = self.tolk_cmd(env, label, True, xmx)
        out, err = env.path(label + ".out"), env.path(label + ".err")
        log("%s: tolk sync --once%s" % (label, " -Xmx" + xmx if xmx else ""))
        res = run_measured(cmd, out, err, timeout or self.args.timeout, cwd=env.dir, on_poll=on_poll)
        counters = env.counters()
        cycles = parse_cycles(read_text(out))
        res.update({"xmx": xmx or self.args.tolk_xmx, "gc": parse_gc(gc), "cycle": cycles[-1] if cycles else None,
                    "api_sim": {s: calls_of(c) for s, c in counters.items()},
                    "stdout": out, "stderr": err})
        res["live_heap_mb"] = res["gc"]["live_heap_mb"]
        res["completed"] = res["rc"] == 0 and not res["timed_out"] and cycle_ok(res["cycle"])
        if not res["completed"]:
            log("%s: did not complete (rc %s%s); stderr tail:\n%s" % (label, res["rc"],
                ", timed out" if res["timed_out"] else "", tail(err)))
        else:
            log("%s: %.1f s wall, %.1f s CPU, API calls %s" % (label, res["wall_s"], res["cpu_s"],
                {s: v["total"] for s, v in res["api_sim"].items()}))
        return res

    def copier(self, env, label, *args, timeout=None):
        cmd = [JAVA, "-Xmx" + self.args.copier_xmx, "-jar", COPIER_JAR, args[0], "--po", env.po.base,
               "--zoho", env.zoho.base] + [str(a) for a in args[1:]]
        out, err = env.path(label + ".out"), env.path(label + ".err")
        res = run_measured(cmd, out, err, timeout or self.args.timeout, cwd=env.dir)
        result = None
        for line in read_text(out).splitlines():
            if line.startswith("RESULT "):
                result = json.loads(line[7:])
        if res["rc"] != 0 or result is None:
            raise BenchError("copier %s failed (rc %s): %s" % (args[0], res["rc"], tail(err)))
        res["result"] = result
        return res

    def verify(self, env, label, edits=None):
        args = ["verify"] + (["--edits", edits] if edits else [])
        return self.copier(env, label, *args)["result"]

    def record(self, run):
        run["at"] = datetime.datetime.now().isoformat(timespec="seconds")
        self.runs.append(run)
        if run.get("error"):
            self.errors += 1
        self.save()

    # ------------------------------------------------------------------ scenarios 1, 3, 4 (one environment)

    def chain_1_3_4(self, n, rep, scenarios):
        env = Env(self, "s134-n%d-r%d" % (n, rep), n, 0)
        try:
            s1 = self.tolk_once(env, "s1-initial")
            v = self.verify(env, "s1-verify")
            po = v["po"]
            run = self.base_run(1, n, rep, s1, po)
            minimum = {"poweroffice": po_min(po),
                       "zoho": zoho_min(0, 0, batches(po["companies"] + po["departments"]) + batches(po["persons"]))}
            run["api_min"] = minimum
            run["api_ok"], run["api_detail"] = api_check(self.api_total(s1), minimum)
            run["verify"] = v
            run["checks"] = {"completed": s1["completed"], "no_duplicates": v["duplicates"] == 0,
                             "zoho_equals_po": v["zoho"]["total"] == po["total"] and v["missing"] == 0,
                             "api_calls_near_min": run["api_ok"]}
            run["checks_ok"] = all(run["checks"].values())
            if 1 in scenarios:
                self.record(run)
            if not s1["completed"]:
                raise BenchError("the initial sync did not complete; scenarios 3 and 4 skipped")
            if 4 in scenarios:
                self.record(self.idle(env, n, rep, po))
            elif 3 in scenarios:
                # converge first: the cycle after the initial sync reads tolk's own writes back
                settle = self.tolk_once(env, "s3-settle")
                if not settle["completed"]:
                    raise BenchError("the cycle after the initial sync did not complete; scenario 3 skipped")
            if 3 in scenarios:
                self.record(self.edits(env, n, rep, po))
        finally:
            env.stop()

    def base_run(self, scenario, n, rep, res, po):
        run = {"scenario": scenario, "records_arg": n, "repeat": rep}
        run.update({k: v for k, v in res.items() if k not in ("result",)})
        run["po_records"] = po["total"]
        run["records_per_s"] = round(po["total"] / res["wall_s"], 1) if res["wall_s"] else None
        run["api_tolk"] = (res.get("cycle") or {}).get("api")
        return run

    @staticmethod
    def api_total(res):
        return {s: v["total"] for s, v in res["api_sim"].items()}

    def idle(self, env, n, rep, po, xmx=None, warm=None, label="s4-idle", timeout=None):
        """A long-running `tolk sync` (interval 1s): `discard` + `warm` cycles, then SIGTERM."""
        discard = self.args.idle_discard
        warm = warm or self.args.idle_cycles
        want = discard + warm
        cmd, gc = self.tolk_cmd(env, label, once=False, xmx=xmx)
        out, err = env.path(label + ".out"), env.path(label + ".err")
        marks = []  # (t, cpu_s, counters) at each "Next cycle in" line
        env.reset_counters()
        t0 = time.monotonic()
        state = {"pos": 0, "seen": 0}

        def on_poll(proc, elapsed):
            text = read_text(out)
            seen = text.count("Next cycle in ")
            if seen > state["seen"]:
                now = time.monotonic()
                cpu = proc_cpu_s(proc.pid)
                cnt = env.counters()
                for _ in range(seen - state["seen"]):
                    marks.append((now - t0, cpu, cnt))
                state["seen"] = seen
            if state["seen"] >= want:
                return "stop"
            return None

        log("%s: tolk sync (interval 1s) for %d cycles%s" % (label, want, " -Xmx" + xmx if xmx else ""))
        res = run_measured(cmd, out, err, timeout or self.args.timeout, cwd=env.dir, on_poll=on_poll)
        cycles = parse_cycles(read_text(out))
        res["gc"] = parse_gc(gc)
        res["live_heap_mb"] = res["gc"]["live_heap_mb"]
        res["xmx"] = xmx or self.args.tolk_xmx
        res["cycles_seen"] = len(marks)
        res["completed"] = len(marks) >= want and all(cycle_ok(c) for c in cycles[:want]) and not res["timed_out"]
        run = {"scenario": 4, "records_arg": n, "repeat": rep}
        run.update(res)
        run["po_records"] = po["total"]
        run["stdout"], run["stderr"] = out, err
        per = []
        for i in range(1, len(marks)):
            t_prev, cpu_prev, c_prev = marks[i - 1]
            t, cpu, c = marks[i]
            d = {s: diff_counters(c_prev[s], c[s]) for s in c}
            per.append({"cycle": i + 1, "wall_s": round(t - t_prev - 1.0, 3),
                        "tolk_s": cycles[i]["seconds"] if i < len(cycles) else None,
                        "cpu_s": round(cpu - cpu_prev, 3) if cpu is not None and cpu_prev is not None else None,
                        "api_sim": {s: sum(v["byOperation"].values()) for s, v in d.items()},
                        "writes": {s: v["writes"] for s, v in d.items()},
                        "api_tolk": cycles[i]["api"] if i < len(cycles) else None})
        if marks:
            first = marks[0]
            per.insert(0, {"cycle": 1, "wall_s": None, "tolk_s": cycles[0]["seconds"] if cycles else None,
                           "cpu_s": first[1], "api_sim": {s: calls_of(v)["total"] for s, v in first[2].items()},
                           "writes": {s: v.get("writes", 0) for s, v in first[2].items()},
                           "api_tolk": cycles[0]["api"] if cycles else None})
        run["cycles"] = per
        warm_cycles = per[discard:want]
        run["warm_wall_s"] = med([c["wall_s"] for c in warm_cycles])
        run["warm_tolk_s"] = med([c["tolk_s"] for c in warm_cycles])
        run["warm_cpu_s"] = med([c["cpu_s"] for c in warm_cycles])
        run["warm_writes"] = sum(sum(c["writes"].values()) for c in warm_cycles)
        run["first_cycle_writes"] = sum(per[0]["writes"].values()) if per else None
        run["warm_api"] = {s: med([c["api_sim"][s] for c in warm_cycles]) for s in ("poweroffice", "zoho")}
        run["api_min_per_cycle"] = {"poweroffice": po_min(po, token=False), "zoho": zoho_min(0, 0, 0, per_process=False)}
        run["records_per_s"] = round(po["total"] / run["warm_wall_s"], 1) if run["warm_wall_s"] else None
        if xmx is None:
            # the yardstick: the copier's bare scan in one warm JVM, same discard rule
            sc = self.copier(env, "s4-copier-scan", "scan", "--repeat", discard + warm)
            rounds = sc["result"]["roundsMs"]
            run["copier_scan_rounds_s"] = [r / 1000.0 for r in rounds]
            run["copier_scan_warm_s"] = med([r / 1000.0 for r in rounds[discard:]])
            run["idle_ratio"] = (round(run["warm_wall_s"] / run["copier_scan_warm_s"], 2)
                                 if run["warm_wall_s"] and run["copier_scan_warm_s"] else None)
            run["checks"] = {"completed": run["completed"], "no_writes_when_warm": run["warm_writes"] == 0,
                             "idle_within_1.5x_copier_scan": run["idle_ratio"] is not None and run["idle_ratio"] <= 1.5}
            run["checks_ok"] = all(run["checks"].values())
            log("%s: warm cycle %.3f s (tolk says %s s), copier scan %.3f s, writes %d"
                % (label, run["warm_wall_s"] or -1, run["warm_tolk_s"], run["copier_scan_warm_s"] or -1,
                   run["warm_writes"]))
        return run

    def edits(self, env, n, rep, po):
        tag = "r%d" % rep
        ed_path = env.path("edits.json")
        ed = self.copier(env, "s3-copier-edit", "edit", "--percent", self.args.edit_percent, "--tag", tag,
                         "--out", ed_path)["result"]
        s3 = self.tolk_once(env, "s3-edits")
        v = self.verify(env, "s3-verify", edits=ed_path)
        run = self.base_run(3, n, rep, s3, po)
        run["edits"] = ed
        run["verify"] = v
        run["api_min"] = {
            "poweroffice": po_min(po, writes=ed["zohoEdits"]),
            "zoho": zoho_min(ed["zohoAccountEdits"], ed["zohoContactEdits"],
                             batches(ed["poCompanyEdits"]) + batches(ed["poPersonEdits"]))}
        run["api_ok"], run["api_detail"] = api_check(self.api_total(s3), run["api_min"])
        arrived = (v["poToZoho"]["arrived"] == v["poToZoho"]["expected"]
                   and v["zohoToPo"]["arrived"] == v["zohoToPo"]["expected"])
        run["checks"] = {"completed": s3["completed"], "edits_arrived": arrived,
                         "no_conflicts": (s3["cycle"] or {}).get("flows", {}).get("total", {}).get("conflicts") == 0,
                         "api_calls_near_min": run["api_ok"], "edit_failures": ed["failures"] == 0}
        run["checks_ok"] = all(run["checks"].values())
        return run

    # ------------------------------------------------------------------ scenario 2

    def preseeded(self, n, rep):
        env = Env(self, "s2-n%d-r%d" % (n, rep), n, 0)
        try:
            seed = self.copier(env, "s2-copier-seed", "copy", "--every", 2, "--offset", 0)["result"]
            s2 = self.tolk_once(env, "s2-preseeded")
            v = self.verify(env, "s2-verify")
            po = v["po"]
            run = self.base_run(2, n, rep, s2, po)
            run["seeded"] = seed
            sa, sc = seed["accountsInserted"], seed["contactsInserted"]
            run["api_min"] = {"poweroffice": po_min(po),
                              "zoho": zoho_min(sa, sc, batches(po["companies"] + po["departments"] - sa)
                                               + batches(po["persons"] - sc))}
            run["api_ok"], run["api_detail"] = api_check(self.api_total(s2), run["api_min"])
            run["verify"] = v
            review = (s2["cycle"] or {}).get("flows", {}).get("total", {}).get("review", 0)
            run["review"] = review
            run["checks"] = {"completed": s2["completed"], "no_duplicates": v["duplicates"] == 0,
                             # ambiguous matches (the sample world has a few on purpose) wait in review, uncreated
                             "zoho_count_explained": v["missing"] <= review and v["extra"] == 0,
                             "api_calls_near_min": run["api_ok"]}
            run["checks_ok"] = all(run["checks"].values())
            self.record(run)
        finally:
            env.stop()

    # ------------------------------------------------------------------ scenario 5

    def copier_copy(self, n, rep):
        env = Env(self, "s5-n%d-r%d" % (n, rep), n, 0)
        try:
            env.reset_counters()
            log("s5-copier-copy: copier copy")
            res = self.copier(env, "s5-copier-copy", "copy")
            counters = env.counters()
            v = self.verify(env, "s5-verify")
            run = self.base_run(5, n, rep, res, v["po"])
            run["copier"] = res["result"]
            run["api_sim"] = {s: calls_of(c) for s, c in counters.items()}
            run["api_tolk"] = None
            run["verify"] = v
            run["checks"] = {"copied_all": v["zoho"]["total"] == v["po"]["total"],
                             "insert_failures": res["result"]["insertFailures"] == 0}
            run["checks_ok"] = all(run["checks"].values())
            log("s5-copier-copy: %.1f s wall, %.1f s CPU" % (res["wall_s"], res["cpu_s"]))
            self.record(run)
        finally:
            env.stop()

    # ------------------------------------------------------------------ scenario 6

    def limits(self, rep):
        n = self.args.limits_records
        env = Env(self, "s6-n%d-r%d" % (n, rep), n, n, limits=True, create_in_po=True)
        samples = []
        stop_flag = threading.Event()

        def sampler():
            t0 = time.monotonic()
            while not stop_flag.is_set():
                try:
                    c = env.counters()
                    samples.append((time.monotonic() - t0, calls_of(c["poweroffice"])["total"],
                                    calls_of(c["zoho"])["total"]))
                except Exception:  # noqa: BLE001 - a missed sample is fine
                    pass
                stop_flag.wait(0.25)

        try:
            env.reset_counters()
            th = threading.Thread(target=sampler, daemon=True)
            th.start()
            try:
                s6 = self.tolk_once(env, "s6-limits", reset=False, timeout=self.args.limits_timeout)
            finally:
                stop_flag.set()
                th.join(5)
            run = {"scenario": 6, "records_arg": n, "repeat": rep}
            run.update(s6)
            run["api_tolk"] = (s6.get("cycle") or {}).get("api")
            run["zoho_limits"] = env.zoho.limits_state()
            v = self.verify(env, "s6-verify")  # after the limits were read: the copier's calls cost credits too
            run["verify"] = v
            run["po_records"] = v["po"]["total"]
            run["records_per_s"] = round(v["po"]["total"] / s6["wall_s"], 1) if s6["wall_s"] else None
            po_rate = busy_rate([(t, p) for t, p, _ in samples])
            z_rate = busy_rate([(t, z) for t, _, z in samples])
            run["poweroffice_rate"] = po_rate
            run["zoho_rate"] = z_rate
            run["poweroffice_allowed_rate"] = 10.0
            run["throttled"] = {s: v["throttled"] for s, v in s6["api_sim"].items()}
            run["samples"] = len(samples)
            share = (po_rate["steady_rate"] / 10.0) if po_rate and po_rate.get("steady_rate") else None
            run["poweroffice_rate_share"] = round(share, 3) if share is not None else None
            review = (s6["cycle"] or {}).get("flows", {}).get("total", {}).get("review", 0)
            run["checks"] = {"completed": s6["completed"], "no_duplicates": v["duplicates"] == 0,
                             "counts_explained": v["missing"] <= review and v["extra"] <= review,
                             "poweroffice_rate_95pct": share is not None and share >= 0.95,
                             "no_429": sum(run["throttled"].values()) == 0}
            run["checks_ok"] = all(run["checks"].values())
            log("s6-limits: PowerOffice %s req/s over %s s busy, Zoho %s req/s; 429s %s"
                % (po_rate.get("steady_rate"), po_rate.get("busy_s"), z_rate.get("steady_rate"), run["throttled"]))
            self.record(run)
        finally:
            env.stop()

    # ------------------------------------------------------------------ bisection

    def bisect_heap(self, n, scenario):
        lo, hi, step = parse_xmx_bounds(self.args.xmx)
        label = "bisect-s%d-n%d" % (scenario, n)
        env = Env(self, label, n, 0)
        probes = []
        try:
            base_wall = med([r["wall_s"] for r in self.runs if r["scenario"] == 1 and r["records_arg"] == n
                             and r.get("completed")])
            timeout = max(180.0, 4 * base_wall) if base_wall else self.args.timeout
            converged = None
            if scenario == 4:
                first = self.tolk_once(env, label + "-initial")
                if not first["completed"]:
                    raise BenchError("%s: the initial sync (default heap) did not complete" % label)
                converged = os.path.join(env.dir, "converged-store")
                env.save_store(converged)
                v = self.verify(env, label + "-verify")
                po = v["po"]
            cache = {}

            def ok(mb):
                if mb in cache:
                    return cache[mb]
                xmx = "%dm" % mb
                if scenario == 1:
                    env.zoho.reset_data()
                    env.fresh_store()
                    r = self.tolk_once(env, "%s-%s" % (label, xmx), xmx=xmx, timeout=timeout)
                    passed = r["completed"]
                else:
                    env.restore_store(converged)
                    r = self.idle(env, n, 0, po, xmx=xmx, warm=2, label="%s-%s" % (label, xmx),
                                  timeout=timeout + 120)
                    passed = r["completed"]
                probes.append({"xmx_mb": mb, "completed": passed, "wall_s": r["wall_s"], "rc": r["rc"],
                               "timed_out": r["timed_out"], "live_heap_mb": r.get("live_heap_mb"),
                               "maxrss_mb": r["maxrss_mb"]})
                log("%s: -Xmx%s %s" % (label, xmx, "completes" if passed else "does NOT complete"))
                cache[mb] = passed
                return passed

            grid = list(range(lo, hi + 1, step))
            if not ok(grid[-1]):
                smallest = None
            else:
                a, b = 0, len(grid) - 1  # invariant: grid[b] completes
                while a < b:
                    mid = (a + b) // 2
                    if ok(grid[mid]):
                        b = mid
                    else:
                        a = mid + 1
                smallest = grid[b]
            entry = {"scenario": scenario, "records_arg": n, "smallest_xmx_mb": smallest, "bounds_mb": [lo, hi, step],
                     "at_lower_bound": smallest == lo, "probes": probes}
        except BenchError as e:
            entry = {"scenario": scenario, "records_arg": n, "smallest_xmx_mb": None, "error": str(e),
                     "probes": probes}
            self.errors += 1
        finally:
            env.stop()
        self.bisect.append(entry)
        self.save()
        return entry

    def heap_check(self, n, mb=256):
        """Scenario 1 at -Xmx256m (the target) when no bisection ran."""
        env = Env(self, "heapcheck-n%d" % n, n, 0)
        try:
            r = self.tolk_once(env, "s1-xmx%dm" % mb, xmx="%dm" % mb)
            entry = {"scenario": 1, "records_arg": n, "xmx_mb": mb, "completed": r["completed"], "wall_s": r["wall_s"],
                     "live_heap_mb": r["live_heap_mb"], "maxrss_mb": r["maxrss_mb"], "rc": r["rc"]}
        finally:
            env.stop()
        self.heap_checks.append(entry)
        self.save()

    # ------------------------------------------------------------------ main loop

    def run(self):
        a = self.args
        self.heap_checks = []
        sizes = [a.records] + ([a.small] if a.small and a.small > 0 else [])
        for n in sizes:
            scen = [s for s in self.only if s != 6 and (n == a.records or s in SMALL_SCENARIOS)]
            for rep in range(1, a.repeat + 1):
                log("=== --records %d, repeat %d of %d: scenarios %s" % (n, rep, a.repeat, scen))
                if {1, 3, 4} & set(scen):
                    self.guard(lambda: self.chain_1_3_4(n, rep, scen), "scenarios 1/3/4", n, rep)
                if 5 in scen:
                    self.guard(lambda: self.copier_copy(n, rep), "scenario 5", n, rep)
                if 2 in scen:
                    self.guard(lambda: self.preseeded(n, rep), "scenario 2", n, rep)
        if 6 in self.only:
            for rep in range(1, a.repeat + 1):
                log("=== scenario 6 (limits on, --records %d), repeat %d of %d" % (a.limits_records, rep, a.repeat))
                self.guard(lambda: self.limits(rep), "scenario 6", a.limits_records, rep)
        if a.bisect:
            for n in sizes:
                for s in (1, 4):
                    if s in self.only:
                        log("=== bisecting -Xmx for scenario %d at --records %d" % (s, n))
                        self.bisect_heap(n, s)
        elif 1 in self.only and not a.no_heap_check:
            log("=== scenario 1 at -Xmx256m (the heap target; --bisect finds the smallest)")
            try:
                self.heap_check(a.records)
            except BenchError as e:
                log("heap check failed: %s" % e)
                self.errors += 1

    def guard(self, fn, what, n, rep):
        try:
            fn()
        except BenchError as e:
            log("%s (--records %d, repeat %d) failed: %s" % (what, n, rep, e))
            self.record({"scenario": what, "records_arg": n, "repeat": rep, "error": str(e)})

    # ------------------------------------------------------------------ results

    def summary(self):
        a = self.args
        rows = []
        groups = {}
        for r in self.runs:
            if isinstance(r.get("scenario"), int) and not r.get("error"):
                groups.setdefault((r["scenario"], r["records_arg"]), []).append(r)
        for (s, n), rs in sorted(groups.items()):
            row = {"scenario": s, "records_arg": n, "runs": len(rs), "po_records": rs[0].get("po_records")}
            if s == 4:
                row["wall_s"] = [r["warm_wall_s"] for r in rs]
                row["cpu_s"] = [r["warm_cpu_s"] for r in rs]
                row["api"] = {sy: [r["warm_api"][sy] for r in rs] for sy in ("poweroffice", "zoho")}
                row["api_min"] = rs[0]["api_min_per_cycle"]
                row["copier_scan_s"] = [r.get("copier_scan_warm_s") for r in rs]
                row["idle_ratio"] = [r.get("idle_ratio") for r in rs]
                row["warm_writes"] = [r["warm_writes"] for r in rs]
                row["tolk_s"] = [r.get("warm_tolk_s") for r in rs]
            else:
                row["wall_s"] = [r["wall_s"] for r in rs]
                row["cpu_s"] = [r["cpu_s"] for r in rs]
                row["api"] = {sy: [r["api_sim"][sy]["total"] for r in rs] for sy in ("poweroffice", "zoho")}
                row["api_min"] = rs[0].get("api_min")
            row["maxrss_mb"] = [r.get("maxrss_mb") for r in rs]
            row["live_heap_mb"] = [r.get("live_heap_mb") for r in rs]
            row["records_per_s"] = [r.get("records_per_s") for r in rs]
            row["checks_ok"] = all(r.get("checks_ok", True) for r in rs)
            row["failed_checks"] = sorted({k for r in rs for k, v in (r.get("checks") or {}).items() if not v})
            if s == 6:
                row["poweroffice_rate"] = [(r["poweroffice_rate"] or {}).get("steady_rate") for r in rs]
                row["zoho_rate"] = [(r["zoho_rate"] or {}).get("steady_rate") for r in rs]
                row["throttled"] = [sum(r["throttled"].values()) for r in rs]
            rows.append(row)
        # tolk(1) / copier(5) per repeat pair
        ratios = {}
        for n in {r["records_arg"] for r in self.runs if isinstance(r.get("scenario"), int)}:
            s1 = {r["repeat"]: r for r in self.runs if r.get("scenario") == 1 and r["records_arg"] == n and r.get("completed")}
            s5 = {r["repeat"]: r for r in self.runs if r.get("scenario") == 5 and r["records_arg"] == n}
            pair = [round(s1[k]["wall_s"] / s5[k]["wall_s"], 2) for k in sorted(set(s1) & set(s5))]
            if pair:
                ratios[n] = pair
        return rows, ratios

    def targets(self, rows, ratios):
        a = self.args
        t = []

        def add(name, met, value):
            t.append({"target": name, "met": met, "value": value})

        # 1. scenario 1 completes in -Xmx256m
        b1 = [b for b in self.bisect if b["scenario"] == 1 and b["records_arg"] == a.records]
        hc = [h for h in getattr(self, "heap_checks", []) if h["records_arg"] == a.records]
        if b1 and b1[0].get("smallest_xmx_mb"):
            add("scenario 1 completes in -Xmx256m", b1[0]["smallest_xmx_mb"] <= 256,
                "smallest -Xmx %dm" % b1[0]["smallest_xmx_mb"])
        elif b1:
            add("scenario 1 completes in -Xmx256m", False, "no -Xmx up to the bound completed")
        elif hc:
            add("scenario 1 completes in -Xmx256m", hc[0]["completed"],
                "ran at -Xmx256m: %s" % ("completed" if hc[0]["completed"] else "did not complete"))
        # 2. heap(large) <= 1.3 x heap(small)
        for s in (1, 4):
            big = [b for b in self.bisect if b["scenario"] == s and b["records_arg"] == a.records]
            small = [b for b in self.bisect if b["scenario"] == s and b["records_arg"] == a.small]
            if big and small and big[0].get("smallest_xmx_mb") and small[0].get("smallest_xmx_mb"):
                r = big[0]["smallest_xmx_mb"] / small[0]["smallest_xmx_mb"]
                add("scenario %d: smallest heap(%d) <= 1.3 x smallest heap(%d)" % (s, a.records, a.small), r <= 1.3,
                    "%dm / %dm = %.2f" % (big[0]["smallest_xmx_mb"], small[0]["smallest_xmx_mb"], r))
        # 3. tolk / copier <= 1.5
        if a.records in ratios:
            m = med(ratios[a.records])
            add("tolk(1) / copier(5) <= 1.5", m <= 1.5, "median %.2f of %s" % (m, ratios[a.records]))
        # 4. time(large) / time(small) <= 11
        w_big = med([r["wall_s"] for r in self.runs if r.get("scenario") == 1 and r["records_arg"] == a.records
                     and r.get("completed")])
        w_small = med([r["wall_s"] for r in self.runs if r.get("scenario") == 1 and r["records_arg"] == a.small
                       and r.get("completed")])
        if w_big and w_small:
            add("scenario 1: time(%d) / time(%d) <= 11" % (a.records, a.small), w_big / w_small <= 11,
                "%.1f s / %.1f s = %.2f" % (w_big, w_small, w_big / w_small))
        # 5. API calls near the minimum in scenarios 1-3
        for s in (1, 2, 3):
            rs = [r for r in self.runs if r.get("scenario") == s and "api_ok" in r]
            if rs:
                worst = max(rs, key=lambda r: max(d["ratio"] or 0 for d in r["api_detail"].values()))
                add("scenario %d: API calls <= max(min+5, 1.02 x min)" % s, all(r["api_ok"] for r in rs),
                    "; ".join("%s %d (min %d)" % (sy, d["actual"], d["min"]) for sy, d in worst["api_detail"].items())
                    + " (worst run)")
        # 6. scenario 4
        rs = [r for r in self.runs if r.get("scenario") == 4 and r["records_arg"] == a.records]
        if rs:
            add("scenario 4: 0 writes in warm idle cycles", all(r["warm_writes"] == 0 for r in rs),
                "writes %s" % [r["warm_writes"] for r in rs])
            ratio = med([r.get("idle_ratio") for r in rs])
            add("scenario 4: warm idle <= 1.5 x copier scan", ratio is not None and ratio <= 1.5,
                "median ratio %s" % (("%.2f" % ratio) if ratio is not None else "-"))
        # 7. scenario 6
        rs = [r for r in self.runs if r.get("scenario") == 6]
        if rs:
            shares = [r.get("poweroffice_rate_share") for r in rs]
            add("scenario 6: PowerOffice >= 95 % of the allowed 10 req/s", all(s is not None and s >= 0.95 for s in shares),
                "shares %s" % shares)
            add("scenario 6: 0 x 429", all(sum(r["throttled"].values()) == 0 for r in rs),
                "429s %s" % [r["throttled"] for r in rs])
        return t

    def save(self, final=None):
        os.makedirs(os.path.dirname(os.path.abspath(self.json_path)), exist_ok=True)
        doc = {"meta": self.meta(), "runs": self.runs, "bisect": self.bisect,
               "heap_checks": getattr(self, "heap_checks", [])}
        if final:
            doc.update(final)
        tmp = self.json_path + ".tmp"
        with open(tmp, "w") as f:
            json.dump(doc, f, indent=1, default=str)
        os.replace(tmp, self.json_path)

    def meta(self):
        if not hasattr(self, "_meta"):
            def sh(cmd):
                try:
                    r = subprocess.run(cmd, capture_output=True, text=True, timeout=20, cwd=REPO)
                    return r.stdout.strip() or r.stderr.strip()
                except Exception:  # noqa: BLE001
                    return None
            self._meta = {"started": self.started, "args": vars(self.args), "tolk_jar": self.tolk_jar,
                          "git": sh(["git", "rev-parse", "HEAD"]), "git_status_dirty": bool(sh(["git", "status", "--porcelain"])),
                          "java": sh([JAVA, "-version"]), "cpus": os.cpu_count(), "load_at_start": os.getloadavg(),
                          "mem": sh(["sh", "-c", "free -m | sed -n 2p"]), "host": socket.gethostname()}
        return self._meta

    def report(self):
        rows, ratios = self.summary()
        targets = self.targets(rows, ratios)
        out = []
        out.append("")
        out.append("tolk whole-product benchmark: medians (min-max) over %d repeat(s); wall/CPU in s, RSS/heap in MB"
                   % self.args.repeat)
        hdr = "%-3s %8s %8s %-22s %-20s %-14s %-14s %-26s %-14s %s" % (
            "sc", "records", "PO recs", "wall s", "CPU s", "peak RSS", "live heap", "API calls PO / Zoho (min)",
            "records/s", "checks")
        out.append(hdr)
        out.append("-" * len(hdr))
        for r in rows:
            api = "%s / %s" % (fmt_range(r["api"]["poweroffice"], 0), fmt_range(r["api"]["zoho"], 0))
            if r.get("api_min"):
                api += " (%s/%s)" % (r["api_min"]["poweroffice"], r["api_min"]["zoho"])
            checks = "ok" if r["checks_ok"] else "FAILED: " + ",".join(r["failed_checks"])
            out.append("%-3s %8d %8s %-22s %-20s %-14s %-14s %-26s %-14s %s" % (
                r["scenario"], r["records_arg"], r["po_records"] or "-", fmt_range(r["wall_s"], 2 if r["scenario"] == 4 else 1),
                fmt_range(r["cpu_s"], 2 if r["scenario"] == 4 else 1), fmt_range(r["maxrss_mb"], 0),
                fmt_range(r["live_heap_mb"], 0), api, fmt_range(r["records_per_s"], 0), checks))
            if r["scenario"] == 4:
                out.append("    idle: wall per warm cycle (harness) %s s, as tolk reports it %s s; copier scan %s s; "
                           "ratio %s; writes in warm cycles %s" % (
                               fmt_range(r["wall_s"], 3), fmt_range(r["tolk_s"], 1), fmt_range(r["copier_scan_s"], 3),
                               fmt_range(r["idle_ratio"], 2), r["warm_writes"]))
            if r["scenario"] == 6:
                out.append("    limits: PowerOffice %s req/s of 10 allowed while busy; Zoho %s req/s (limit: "
                           "concurrency and credits); 429s %s" % (fmt_range(r["poweroffice_rate"], 2),
                                                                  fmt_range(r["zoho_rate"], 2), r["throttled"]))
        for n, p in sorted(ratios.items()):
            out.append("tolk(1)/copier(5) wall at --records %d: %s (per repeat pair %s)" % (n, fmt_range(p, 2), p))
        for b in self.bisect:
            out.append("smallest -Xmx, scenario %d, --records %d: %s (%d probes%s)" % (
                b["scenario"], b["records_arg"],
                (("%dm" % b["smallest_xmx_mb"]) + (" = the lower bound: it may need less" if b.get("at_lower_bound")
                                                   else "")) if b.get("smallest_xmx_mb") else "none up to the bound",
                len(b["probes"]), ", error: " + b["error"] if b.get("error") else ""))
        for h in getattr(self, "heap_checks", []):
            out.append("scenario 1 at -Xmx%dm, --records %d: %s (%.1f s)" % (
                h["xmx_mb"], h["records_arg"], "completed" if h["completed"] else "did NOT complete", h["wall_s"]))
        errors = [r for r in self.runs if r.get("error")]
        for e in errors:
            out.append("ERROR %s --records %s repeat %s: %s" % (e["scenario"], e["records_arg"], e["repeat"], e["error"]))
        out.append("")
        out.append("Targets:")
        for t in targets:
            out.append("  [%s] %s: %s" % ("met" if t["met"] else "NOT MET", t["target"], t["value"]))
        if not targets:
            out.append("  (none applicable to the scenarios run)")
        out.append("")
        out.append("Raw figures: %s" % self.json_path)
        text = "\n".join(out)
        print(text, flush=True)
        self.save({"summary": rows, "ratios_tolk_copier": ratios, "targets": targets, "table": text,
                   "finished": datetime.datetime.now().isoformat(timespec="seconds"),
                   "elapsed_s": round(time.time() - _t_start, 1)})
        return all(t["met"] for t in targets) and all(r["checks_ok"] for r in rows)


def busy_rate(samples):
    """Achieved calls/s while there is work, from (t, cumulative calls) samples every ~0.25 s: 1-second buckets;
    the longest run of consecutive buckets with calls; its first and last bucket (partial) are dropped."""
    if len(samples) < 2:
        return {"steady_rate": None, "busy_s": 0}
    end = samples[-1][0]
    buckets = []
    sec = 1.0
    i = 0
    prev = samples[0][1]
    while sec <= end:
        while i + 1 < len(samples) and samples[i + 1][0] <= sec:
            i += 1
        buckets.append(samples[i][1] - prev)
        prev = samples[i][1]
        sec += 1.0
    best, cur_start, best_range = 0, None, None
    for j, b in enumerate(buckets + [0]):
        if b > 0 and cur_start is None:
            cur_start = j
        elif b == 0 and cur_start is not None:
            if j - cur_start > best:
                best, best_range = j - cur_start, (cur_start, j)
            cur_start = None
    if not best_range:
        return {"steady_rate": None, "busy_s": 0, "total": samples[-1][1]}
    a, b = best_range
    inner = buckets[a + 1:b - 1] if b - a > 2 else buckets[a:b]
    rate = sum(inner) / float(len(inner)) if inner else None
    return {"steady_rate": round(rate, 2) if rate is not None else None, "busy_s": b - a,
            "min_bucket": min(inner) if inner else None, "max_bucket": max(inner) if inner else None,
            "total": samples[-1][1]}


def parse_xmx_bounds(spec):
    def mb(s):
        s = s.strip().lower()
        if s.endswith("g"):
            return int(float(s[:-1]) * 1024)
        if s.endswith("m"):
            return int(s[:-1])
        return int(s)
    parts = [mb(p) for p in spec.split(",")]
    if len(parts) == 2:
        parts.append(32)
    lo, hi, step = parts
    if not (0 < lo <= hi and step > 0):
        raise BenchError("--xmx: give LO,HI[,STEP] with 0 < LO <= HI, e.g. 64m,2048m,32m")
    return lo, hi, step


def main(argv=None):
    p = argparse.ArgumentParser(prog="bench/run e2e", description="tolk's whole-product benchmark (see bench/README.md)")
    p.add_argument("--records", type=int, default=145000,
                   help="the simulators' --records (default 145000: ~105 000 PowerOffice records)")
    p.add_argument("--small", type=int, default=30000, help="the comparison size for scenarios 1, 4, 5 (0 = none)")
    p.add_argument("--repeat", type=int, default=3, help="repeats per scenario (default 3)")
    p.add_argument("--only", default="1,2,3,4,5,6", help="scenarios to run, e.g. 1,4 (default all)")
    p.add_argument("--json", default=None, help="results file (default bench/results/e2e-<date>.json)")
    p.add_argument("--bisect", action="store_true", help="find the smallest -Xmx for scenarios 1 and 4 at both sizes")
    p.add_argument("--xmx", default="64m,2048m,32m", help="bisection bounds and step LO,HI[,STEP]")
    p.add_argument("--no-heap-check", action="store_true", help="without --bisect, skip the scenario 1 run at -Xmx256m")
    p.add_argument("--tolk-xmx", default=None, help="-Xmx of the measured tolk runs (default: the JVM's default)")
    p.add_argument("--sim-xmx", default="3g", help="-Xmx of each simulator (default 3g)")
    p.add_argument("--copier-xmx", default="1g", help="-Xmx of the copier (default 1g)")
    p.add_argument("--ports", default="9201,9202", help="PowerOffice and Zoho simulator ports (default 9201,9202)")
    p.add_argument("--edit-percent", type=float, default=1.0, help="scenario 3: percent edited on each side")
    p.add_argument("--idle-cycles", type=int, default=5, help="scenario 4: warm cycles measured (default 5)")
    p.add_argument("--idle-discard", type=int, default=2, help="scenario 4: first cycles discarded (default 2)")
    p.add_argument("--limits-records", type=int, default=3000, help="scenario 6: --records of both simulators")
    p.add_argument("--limits-timeout", type=float, default=1800, help="scenario 6: timeout of the run (s)")
    p.add_argument("--timeout", type=float, default=3600, help="timeout of any other single run (s)")
    p.add_argument("--build-copier", action="store_true", help="rebuild the copier even when its jar is fresh")
    p.add_argument("--keep", action="store_true", help="keep the temp folder (stores, logs, GC logs)")
    args = p.parse_args(argv)
    if args.repeat < 1:
        p.error("--repeat must be at least 1")
    bench = None
    all_met = False
    try:
        bench = Bench(args)
        bench.prepare()
        bench.run()
        all_met = bench.report()
    except BenchError as e:
        log("error: %s" % e)
        if bench:
            bench.errors += 1
            bench.save()
        return 2
    except subprocess.CalledProcessError as e:
        log("error: build failed: %s" % e)
        return 2
    finally:
        kill_all()
        if bench:
            if args.keep or bench.errors:
                log("temp files (stores, logs, GC logs) kept in %s" % bench.tmp)
            else:
                shutil.rmtree(bench.tmp, ignore_errors=True)
    # 0: every check and target met; 1: some not met; 2: the harness could not run a scenario
    return 2 if bench.errors else (0 if all_met else 1)


if __name__ == "__main__":
    sys.exit(main())
