#!/usr/bin/env python3
"""Writes BENCHMARKS.md from the JSON files of scripts/bench.sh."""
import datetime, json, os, platform, statistics, subprocess, sys

d = sys.argv[1]
store = json.load(open(os.path.join(d, "store.json")))
app_path = os.path.join(d, "app.json")
app = json.load(open(app_path)) if os.path.exists(app_path) else None

def cpu():
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"

r = store["replica"]
print("# Benchmarks\n")
print("Produced by `scripts/bench.sh` (the store part alone: `scripts/bench.sh --store-only`).")
print(f"Last run: {datetime.date.today()}, {os.cpu_count()} cores ({cpu()}), release build.\n")
print(f"Replica: {r['residents']:,} residents, {r['devices']:,} devices, "
      f"{r['logbook_entries']:,} logbook entries (generated, seeded, anchor {r['anchor']}), "
      "encrypted with SQLCipher, as the app opens it.\n")
print("## Store, beside the same work as raw SQL on the same file\n")
print("The raw reference runs the same SQL statements on a plain rusqlite connection to the same")
print("file (same key and pragmas) and reads every column of every row into owned values, without")
print("the store's decoding into domain types and views; the ratio is the store's overhead. Both")
print("sides run alternately after a warm-up pass. Goals: open + Today < 50 ms, search p95 < 5 ms,")
print("ratio <= 1.2x. The row through the system keyring adds the Secret Service round trip the")
print("app makes when it opens (the raw side has the key in memory), so its ratio is not the")
print("store's overhead; its goal is the absolute one.\n")
print("| measurement | Veldwerk p50 | Veldwerk p95 | raw SQL p50 | raw SQL p95 | ratio p50 | ratio p95 | n |")
print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
for x in store["results"]:
    if "ours" not in x:
        continue
    o, w = x["ours"], x["raw"]
    print(f"| {x['label']} | {o['p50_ms']:.3f} ms | {o['p95_ms']:.3f} ms | {w['p50_ms']:.3f} ms | "
          f"{w['p95_ms']:.3f} ms | {x['ratio_p50']:.2f}x | {x['ratio_p95']:.2f}x | {o['n']} |")
for x in store["results"]:
    if x.get("label") == "statements per saved answer":
        print(f"\nGuided jobs (rows open_job, save_answer, complete_job): the raw side replays the exact")
        print("statements our command ran (captured with SQLite's statement trace, values included) on its")
        print("own copy of the file, so the ratio is the cost of decoding, the rules and the view. A saved")
        print(f"answer now runs {x['statements']:.1f} statements and reads the draft's answers "
              f"{x['draft_reads']:.1f} time(s); before the job service (the view rebuilt from separate reads")
        print(f"after every answer) it ran {x['before_statements']:.1f} statements and read the draft "
              f"{x['before_draft_reads']:.1f} times (the row 'save_answer as before the job service').")
print("\nSearch queries (taken from the data: surnames with and without accents, name + surname,")
print("street + number, postcodes in three spellings, registration numbers whole/compact/partial,")
print("serial numbers, and common surnames that match many residents):\n")
print("`" + "`, `".join(store["queries"][:30]) + "`, ...\n")
if app:
    runs = app["runs"]
    drawn = [x["drawn_ms_app_clock"] for x in runs]
    wall = [x["drawn_ms_wall"] for x in runs]
    rss = [x["rss_app_kb"] / 1024 for x in runs]
    tot = [x["rss_total_kb"] / 1024 for x in runs]
    print("## The app with that replica open (real window under Xvfb)\n")
    print("| measurement | median | min | max | goal |")
    print("| --- | ---: | ---: | ---: | --- |")
    print(f"| launch to Today drawn (app clock: process start to the UI's report) | {statistics.median(drawn):.0f} ms | {min(drawn)} ms | {max(drawn)} ms | |")
    print(f"| launch to Today drawn (wall clock, from spawning the process) | {statistics.median(wall):.0f} ms | {min(wall)} ms | {max(wall)} ms | |")
    pss_tot = [x.get("pss_total_kb", 0) / 1024 for x in runs]
    pss_app = [x.get("pss_app_kb", 0) / 1024 for x in runs]
    verdict = lambda v: "met" if v < 250 else "**not met**"
    print(f"| memory (PSS), app + WebKit web/network processes | {statistics.median(pss_tot):.0f} MB | {min(pss_tot):.0f} MB | {max(pss_tot):.0f} MB | < 250 MB: {verdict(statistics.median(pss_tot))} |")
    print(f"| memory (PSS), app process (Rust, store, replica) | {statistics.median(pss_app):.0f} MB | {min(pss_app):.0f} MB | {max(pss_app):.0f} MB | < 250 MB: {verdict(statistics.median(pss_app))} |")
    print(f"| resident memory (RSS), app process | {statistics.median(rss):.0f} MB | {min(rss):.0f} MB | {max(rss):.0f} MB | |")
    print(f"| resident memory (RSS), app + WebKit processes, summed | {statistics.median(tot):.0f} MB | {min(tot):.0f} MB | {max(tot):.0f} MB | (counts shared pages twice) |")
    print(f"\n{len(runs)} launches, each on a fresh copy of the replica, memory read 3 s after Today was drawn.")
    print("Processes in the last run (PSS): " + ", ".join(f"{k} {v // 1024} MB" for k, v in runs[-1].get("processes_pss", runs[-1]["processes"]).items()) + ".")

def raw_section(name, title, intro):
    path = os.path.join(d, name)
    if not os.path.exists(path):
        return
    print(f"\n## {title}\n")
    print(intro + "\n")
    print("```")
    print(open(path).read().rstrip())
    print("```")

raw_section("media.txt", "Photos (crates/media, `media-bench`)",
            "A generated 12 MP JPEG (EXIF orientation 6, location and serial to strip) to an upright image of at\n"
            "most 2048 px and a 320 px thumbnail, as child processes alternating with `vipsthumbnail` and\n"
            "ImageMagick doing the same work on the same file. Goals: no slower than vips, at least 3x faster\n"
            "than ImageMagick. The tool's own output:")
raw_section("docs.txt", "Documents (crates/docs, `docs-bench`)",
            "The user agreement with two signatures (and the hoist certificate and a long job report), beside\n"
            "headless Chromium printing an equivalent HTML page to PDF. Goal: under 30 ms per agreement.\n"
            "The tool's own output:")
raw_section("sync.txt", "Sync with the portal (crates/sync, `sync_bench`)",
            "A portal on loopback, seeded with 5,000 devices, 2,000 residents and 1,000 appointments. The\n"
            "initial pull into an empty replica beside inserting the same rows directly with the store's\n"
            "writers (goal <= 1.5x); the end-of-shift push of 30 jobs and 150 photos of about 400 KB beside\n"
            "curl uploading the same bytes to the same server over one connection (goal <= 1.5x); bytes on\n"
            "the wire counted by a TCP relay. The tool's own output:")
