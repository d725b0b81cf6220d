#!/usr/bin/env python3
"""Launches the release app on the benchmark replica under Xvfb and measures the time from
launch to Today drawn (reported by the app itself) and the resident memory of the app and its
WebKit processes with the replica open. Writes <dir>/app.json. Run inside a dbus session with
an unlocked Secret Service (scripts/bench.sh does that)."""
import json, os, re, shutil, signal, subprocess, sys, tempfile, time

bench, out_dir, app, launches = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])

def rss_kb(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0

def pss_kb(pid):
    """Proportional set size: shared pages are divided among the processes sharing them, so
    the sum over the app's processes counts every page once."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0

def descendants(pid):
    children = {}
    for p in os.listdir("/proc"):
        if p.isdigit():
            try:
                with open(f"/proc/{p}/stat") as f:
                    fields = f.read().rsplit(")", 1)[1].split()
                children.setdefault(int(fields[1]), []).append(int(p))
            except OSError:
                pass
    out, todo = [], [pid]
    while todo:
        for c in children.get(todo.pop(), []):
            out.append(c)
            todo.append(c)
    return out

def name(pid):
    try:
        with open(f"/proc/{pid}/comm") as f:
            return f.read().strip()
    except OSError:
        return "?"

display = ":97"
xvfb = subprocess.Popen(["Xvfb", display, "-screen", "0", "1280x900x24", "-nolisten", "tcp"],
                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
time.sleep(1.0)
runs = []
try:
    for i in range(launches):
        data_dir = tempfile.mkdtemp(prefix="veldwerk-bench-app-")
        subprocess.run([bench, "prepare-app", "--dir", out_dir, "--data-dir", data_dir],
                       check=True, stdout=subprocess.DEVNULL)
        env = dict(os.environ, DISPLAY=display, VELDWERK_DATA_DIR=data_dir)
        env.pop("VELDWERK_DEMO", None)
        t0 = time.monotonic()
        proc = subprocess.Popen([app], env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                text=True)
        drawn_ms, wall_ms = None, None
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            line = proc.stdout.readline()
            if not line:
                break
            m = re.search(r"today drawn (\d+) ms after launch", line)
            if m:
                drawn_ms = int(m.group(1))
                wall_ms = round((time.monotonic() - t0) * 1000)
                break
        if drawn_ms is None:
            proc.kill()
            sys.exit("the app never reported Today drawn")
        time.sleep(3.0)  # let the window settle
        procs = [proc.pid] + descendants(proc.pid)
        mem = {f"{name(p)}[{p}]": rss_kb(p) for p in procs}
        pss = {f"{name(p)}[{p}]": pss_kb(p) for p in procs}
        runs.append({
            "drawn_ms_app_clock": drawn_ms,
            "drawn_ms_wall": wall_ms,
            "rss_app_kb": rss_kb(proc.pid),
            "rss_total_kb": sum(mem.values()),
            "pss_app_kb": pss_kb(proc.pid),
            "pss_total_kb": sum(pss.values()),
            "processes": mem,
            "processes_pss": pss,
        })
        print(f"launch {i + 1}: Today drawn after {drawn_ms} ms (wall {wall_ms} ms); "
              f"RSS app {rss_kb(proc.pid) // 1024} MB, with WebKit processes "
              f"{sum(mem.values()) // 1024} MB", flush=True)
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        # each launch's copy of the replica is hundreds of MB: not left behind
        shutil.rmtree(data_dir, ignore_errors=True)
finally:
    xvfb.terminate()

with open(os.path.join(out_dir, "app.json"), "w") as f:
    json.dump({"runs": runs}, f, indent=2)
