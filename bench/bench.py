#!/usr/bin/env python3
"""prosim benchmarks: runs the cases, writes one JSON per case, prints a table.

Called by bench/run_bench.sh after it has built build/release/prosim, bench/stream and
bench/world_stats; see bench/README.md for the cases and every field of the JSON files.
Standard library only (runs under Debian's python3 and any other).
"""
import argparse
import datetime
import json
import os
import pathlib
import platform
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
PROSIM = ROOT / "build/release/prosim"
SCENARIOS = {
    "jinhua": ROOT / "scenarios/jinhua_baseline.json",
    "province": ROOT / "scenarios/zhejiang_province.json",
}
# GNU time for -v (peak RSS); without it (or with PROSIM_BENCH_NO_TIME=1) the kernel's rusage.
TIME_V = "/usr/bin/time" if os.access("/usr/bin/time", os.X_OK) and not os.environ.get("PROSIM_BENCH_NO_TIME") else None
REFERENCE_SCALE = 0.001  # the tiny run whose peak RSS is the fixed part (binary, libraries, villages)

# ---------------------------------------------------------------------------------------
# Bytes moved per month, counted by hand from the monthly systems (docs/performance.md,
# "Memory-bandwidth floor"). For every pass over a household (H) or person (P) array:
# a read counts the field's size once, a write or read-modify-write twice (write-allocate
# fill + write-back); per-month temporaries (std::vector(H, 0.0)) count a fill and a
# write. Passes whose writes are conditional (rural households only, ...) are counted in
# full, random gathers into firm arrays (small, cache-resident) are not counted, and
# sorts count two out-of-cache passes. "E" terms are per employed person (employee
# index, wage gathers), multiplied by the employment rate of the run.
# Field sizes used: persons.h and households.h of commit 11fe338 (see theoretical_layout);
# recount when the monthly systems change.
BYTES_PER_MONTH = [
    # system                 H      P     E
    ("total_money",           8,     0,    0),
    ("clear_income",         64,     0,    0),   # 4 of the 10 arrays since fa82309 (6 assigned by their first writer)
    ("plan_firms",            0,     8,   12),   # one employee-index rebuild
    ("labour_market",         8,    10,    0),   # per-person decisions (parallel), then seekers in id order
    ("pay_wages",            97,    29,   20),   # incl. one index rebuild
    ("collectives",          89,     0,    0),
    ("consumption",          73,    10,    0),
    ("government",          217,     6,    0),
    ("dibao",               159,     0,    0),
    ("firm_entry_exit",      16,     0,    0),
    ("demography",            9,     8,    0),
    ("migration",             6,     0,    0),
    # added at fa82309's recount (systems added since 11fe338; in-migration's tenants and the
    # dibao's means test are not counted by hand: docs/performance.md)
    ("family_support",       96,     0,    0),   # county pools (2 passes), relative, income before dibao
    ("land_market",          95,     1,    0),   # offers/room, pool sums, rent flows; farmers' status
    ("housing_out_migration", 86,    6,    0),   # imputed rent, remittances; status, age, trial bytes
    ("close_month",         116,    11,    0),   # + urban hukou: the recorder's labour counts since 4cdb02b
    ("recorder",            510,     5,   20),   # incl. sort for the Gini, December snapshots / 12; persons: the median wage
]


def sh(cmd, **kw):
    return subprocess.run(cmd, shell=isinstance(cmd, str), capture_output=True, text=True, **kw)


# --------------------------------------------------------------------------- machine ---
def machine_info():
    info = {"hostname": platform.node(), "kernel": platform.release()}
    lscpu = sh(["lscpu"]).stdout
    fields = dict(line.split(":", 1) for line in lscpu.splitlines() if ":" in line)
    fields = {k.strip(): v.strip() for k, v in fields.items()}
    info["cpu_model"] = fields.get("Model name", "unknown")
    info["cpus"] = os.cpu_count()
    info["sockets"] = int(fields.get("Socket(s)", "1") or 1)
    info["cores_per_socket"] = int(fields.get("Core(s) per socket", "0") or 0)
    info["threads_per_core"] = int(fields.get("Thread(s) per core", "1") or 1)
    info["l3_cache"] = fields.get("L3 cache", "unknown")
    mem = {}
    for line in open("/proc/meminfo"):
        k, v = line.split(":", 1)
        mem[k] = int(v.split()[0]) * 1024
    info["memory_bytes"] = mem["MemTotal"]
    info["memory_gib"] = round(mem["MemTotal"] / 2**30, 1)
    info["memory_available_bytes_at_start"] = mem["MemAvailable"]
    cxx = ""
    cache = ROOT / "build/release/CMakeCache.txt"
    if cache.exists():
        m = re.search(r"^CMAKE_CXX_COMPILER:\w+=(.*)$", cache.read_text(), re.M)
        if m:
            cxx = sh([m.group(1), "--version"]).stdout.splitlines()[0]
    info["compiler"] = cxx
    return info


def mem_available():
    for line in open("/proc/meminfo"):
        if line.startswith("MemAvailable:"):
            return int(line.split()[1]) * 1024
    return 0


def git_info():
    """Commit of the tree being measured. PROSIM_BENCH_COMMIT names it for a tree exported
    with `git archive` (not a repository), e.g. to measure a commit while sim/ is being edited."""
    if os.environ.get("PROSIM_BENCH_COMMIT"):
        return {"commit": os.environ["PROSIM_BENCH_COMMIT"], "sim_sources_modified": False,
                "note": "exported tree (git archive) of this commit"}
    commit = sh(["git", "-C", str(ROOT), "rev-parse", "HEAD"]).stdout.strip()
    dirty = sh(["git", "-C", str(ROOT), "status", "--porcelain", "--untracked-files=no", "--", "sim", "CMakeLists.txt"])
    return {"commit": commit or "unknown", "sim_sources_modified": bool(dirty.stdout.strip())}


# ---------------------------------------------------------------- scenario helpers ---
def merge(base, patch):
    if not isinstance(patch, dict) or not isinstance(base, dict):
        return patch
    out = dict(base)
    for k, v in patch.items():
        if v is None:
            out.pop(k, None)
        else:
            out[k] = merge(base.get(k), v)
    return out


def resolved(path):
    path = pathlib.Path(path)
    doc = json.loads(path.read_text())
    if "extends" in doc:
        doc = merge(resolved((path.parent / doc["extends"]).resolve()), {k: v for k, v in doc.items() if k != "extends"})
    return doc


def months_of(doc):
    def ym(s):
        y, m = s.split("-")
        return int(y) * 12 + int(m) - 1
    recorded = ym(doc.get("end", "2030-12")) - ym(doc.get("start", "2021-01")) + 1
    burn_in = doc.get("economy", {}).get("burn_in_months", 36)
    return recorded, burn_in


# -------------------------------------------------------------- layout (theoretical) ---
TYPE_BYTES = {"std::uint8_t": 1, "std::int8_t": 1, "bool": 1, "std::uint16_t": 2, "std::int16_t": 2,
              "std::int32_t": 4, "std::uint32_t": 4, "float": 4, "int": 4, "double": 8,
              "std::int64_t": 8, "std::uint64_t": 8}


def parse_soa(header):
    """Field -> bytes per entity for every std::vector / std::array<std::vector> member."""
    text = (ROOT / header).read_text()
    types = dict(TYPE_BYTES)
    for name, under in re.findall(r"enum\s+(?:class\s+)?(\w+)\s*:\s*([\w:]+)", text):
        types[name] = TYPE_BYTES.get(under, 4)
    consts = {}
    for body in re.findall(r"enum\s+\w+\s*:\s*int\s*\{(.*?)\}", text, re.S):
        names = [re.sub(r"//.*", "", x).split("=")[0].strip() for x in re.sub(r"//[^\n]*", "", body).split(",")]
        names = [n for n in names if n]
        for i, n in enumerate(names):
            consts[n] = i
    fields = {}
    for m in re.finditer(r"^\s*std::array<std::vector<([\w:]+)>,\s*(\w+)>\s+(\w+);", text, re.M):
        count = consts.get(m.group(2)) or int(m.group(2))
        fields[m.group(3)] = {"type": f"{m.group(1)}[{count}]", "bytes": types[m.group(1)] * count}
    for m in re.finditer(r"^\s*std::vector<([\w:]+)>\s+([\w\s,]+);", text, re.M):
        for name in m.group(2).split(","):
            fields[name.strip()] = {"type": m.group(1), "bytes": types[m.group(1)]}
    return fields


def theoretical_layout():
    persons = parse_soa("sim/world/persons.h")
    households = parse_soa("sim/world/households.h")
    firms = parse_soa("sim/world/firms.h")
    return {
        "source": "struct-of-arrays fields parsed from sim/world/persons.h, households.h, firms.h",
        "bytes_per_person": sum(f["bytes"] for f in persons.values()),
        "bytes_per_household": sum(f["bytes"] for f in households.values()),
        "bytes_per_firm": sum(f["bytes"] for f in firms.values()),
        "persons_fields": {k: v["bytes"] for k, v in persons.items()},
        "households_fields": {k: v["bytes"] for k, v in households.items()},
    }


# -------------------------------------------------------------------------- runs ---
RSS_RE = re.compile(r"Maximum resident set size \(kbytes\): (\d+)")
USER_RE = re.compile(r"User time \(seconds\): ([\d.]+)")
SYS_RE = re.compile(r"System time \(seconds\): ([\d.]+)")
SIM_RE = re.compile(r"(\d+) months in ([\d.]+) s with (\d+) threads")
PROFILE_COLUMNS = ("burn_in_wall_s", "burn_in_cpu_s", "recorded_wall_s", "recorded_cpu_s", "wall_s", "cpu_s",
                   "share_of_wall_pct", "sequential_s", "sequential_pct")
PROFILE_COLUMNS_BEFORE_SEQ = 7  # binaries before the sequential columns print the first 7


def parse_profile(err):
    """The table `prosim run --profile` prints to stderr: its text and {section: {column: value}}
    ("-" where a section has no time in that phase: None; the sequential columns only where the
    binary prints them)."""
    start = err.find("profile: ")
    if start < 0:
        return None, None
    text = err[start:].rstrip("\n") + "\n"
    sections = {}
    lines = text.splitlines()
    for k, line in enumerate(lines[3:], start=3):
        parts = line.split()
        if len(parts) - 1 not in (PROFILE_COLUMNS_BEFORE_SEQ, len(PROFILE_COLUMNS)):
            continue
        sections[parts[0]] = {c: (None if v == "-" else float(v)) for c, v in zip(PROFILE_COLUMNS, parts[1:])}
        if parts[0] == "total":  # the table's last row (/usr/bin/time -v prints after it)
            # and the line of sequential shares after it, where the binary prints one
            end = k + 2 if k + 1 < len(lines) and lines[k + 1].startswith("sequential share:") else k + 1
            text = "\n".join(lines[:end]) + "\n"
            break
    return text, sections


class Runner:
    def __init__(self, args, tmp):
        self.args = args
        self.tmp = pathlib.Path(tmp)
        self.world_cache = {}
        self.ref_cache = {}

    def scenario_file(self, key, scale, compare=False):
        """The scenario a run reads: the shipped one at `scale`. A --compare-binary of another
        commit runs that commit's own scenario (--compare-scenarios), as its keys may differ."""
        shipped = SCENARIOS[key]
        if compare and self.args.compare_scenarios:
            shipped = pathlib.Path(self.args.compare_scenarios).resolve() / shipped.name
        path = self.tmp / f"{key}_{scale:g}{'_compare' if compare else ''}.json"
        override = {"extends": str(shipped), "name": f"bench_{key}", "scale": scale}
        path.write_text(json.dumps(override))
        return path, override

    def world_stats(self, key, scale):
        if (key, scale) not in self.world_cache:
            out = sh([str(ROOT / "build/bench/world_stats"), str(SCENARIOS[key]), repr(scale)])
            if out.returncode != 0:
                sys.exit(f"bench: world_stats failed: {out.stderr}")
            self.world_cache[(key, scale)] = json.loads(out.stdout)
        return self.world_cache[(key, scale)]

    def run_once(self, key, scale, threads, binary=None):
        scen, override = self.scenario_file(key, scale, compare=binary is not None)
        h5 = self.tmp / f"{key}_{scale:g}_t{threads}.h5"
        binary = binary or str(PROSIM)
        cmd = [binary, "run", str(scen), "-o", str(h5), "--threads", str(threads)]
        # A binary older than a flag is run without it (--compare-binary d666564: neither
        # --overwrite, which it did not need, nor --profile).
        if supports_flag(binary, "--overwrite"):
            cmd.append("--overwrite")
        else:
            h5.unlink(missing_ok=True)
        if supports_flag(binary, "--profile"):
            cmd.append("--profile")
        if TIME_V:
            cmd = [TIME_V, "-v"] + cmd
        load_before = os.getloadavg()
        with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as errf:
            t0 = time.perf_counter()
            proc = subprocess.Popen(cmd, stdout=out, stderr=errf, text=True)
            _, status, usage = os.wait4(proc.pid, 0)
            wall = time.perf_counter() - t0
            proc.returncode = os.waitstatus_to_exitcode(status)
            errf.seek(0)
            err = errf.read()
        load_after = os.getloadavg()
        if proc.returncode != 0:
            sys.exit(f"bench: prosim failed ({proc.returncode}):\n{err[-3000:]}")
        if TIME_V:
            rss = int(RSS_RE.search(err).group(1)) * 1024
            user, system = float(USER_RE.search(err).group(1)), float(SYS_RE.search(err).group(1))
        else:  # no /usr/bin/time (Debian package `time`): the kernel's rusage of the child
            rss, user, system = usage.ru_maxrss * 1024, usage.ru_utime, usage.ru_stime
        sim = SIM_RE.search(err)
        profile_text, profile = parse_profile(err)
        final = {}
        ins = sh([binary, "inspect", str(h5)]).stdout
        for name in ("population", "employment"):
            m = re.search(rf"^{name}\s+([-\d.e+]+)", ins, re.M)
            if m:
                final[name] = float(m.group(1))
        h5.unlink(missing_ok=True)
        return {
            "wall_s": wall,
            "sim_s": float(sim.group(2)) if sim else None,
            "user_s": user,
            "sys_s": system,
            "peak_rss_bytes": rss,
            "rss_source": "/usr/bin/time -v" if TIME_V else "wait4 rusage",
            "load_average_1min_before": round(load_before[0], 2),
            "load_average_1min_after": round(load_after[0], 2),
            "final": final,
            "command": " ".join(shlex.quote(c) for c in (cmd[2:] if TIME_V else cmd)),
            "scenario_override": override,
            "profile": profile,
            "profile_text": profile_text,
        }

    def run_case(self, key, scale, threads):
        """Runs until min_repeats are done; short runs (< short_s) get at least 3. With
        --compare-binary, each run is followed by one of that binary (alternating, so that both
        see the same drift of a shared machine); returns (runs, compare_runs)."""
        other = self.args.compare_binary
        runs = [self.run_once(key, scale, threads)]
        compare = [self.run_once(key, scale, threads, other)] if other else []
        want = self.args.repeats
        if runs[0]["wall_s"] < self.args.short_s:
            want = max(want, 3)
        while len(runs) < want:
            runs.append(self.run_once(key, scale, threads))
            if other:
                compare.append(self.run_once(key, scale, threads, other))
        return runs, compare

    def reference(self, key, threads):
        if (key, threads) not in self.ref_cache:
            runs = [self.run_once(key, REFERENCE_SCALE, threads) for _ in range(3)]
            ws = self.world_stats(key, REFERENCE_SCALE)
            self.ref_cache[(key, threads)] = {
                "scale": REFERENCE_SCALE,
                "persons": ws["persons"],
                "households": ws["households"],
                "peak_rss_bytes": int(statistics.median(r["peak_rss_bytes"] for r in runs)),
                "command": runs[0]["command"],
            }
        return self.ref_cache[(key, threads)]


def bandwidth_floor(persons, households, months_total, employment_rate, stream):
    h_per_p = households / persons
    per_system = {}
    total = 0.0
    for name, h, p, e in BYTES_PER_MONTH:
        b = h * h_per_p + p + e * employment_rate
        per_system[name] = round(b, 1)
        total += b
    pm = persons * months_total
    out = {
        "method": "hand count of array passes per month (bench/bench.py BYTES_PER_MONTH, docs/performance.md)",
        "bytes_per_person_month": round(total, 1),
        "by_system_bytes_per_person_month": per_system,
        "employment_rate_used": round(employment_rate, 4),
        "bytes_moved_total": total * pm,
    }
    if stream:
        raw = stream["best_gb_s"] * 4 / 3  # triad incl. the write-allocate read, like the hand count
        out["stream_triad_gb_s"] = stream["best_gb_s"]
        out["stream_triad_raw_traffic_gb_s"] = round(raw, 3)
        out["floor_s"] = round(total * pm / (raw * 1e9), 3)
    return out


def per(a, b):
    """a / b, or None when b is too small for a meaningful ratio (the case is the reference)."""
    return round(a / b, 1) if b > 1000 else None


def summarise(case, key, scale, threads, runs, ws, ref, layout, stream, machine, git, args):
    doc = resolved(SCENARIOS[key])
    recorded, burn_in = months_of(doc)
    months_total = recorded + burn_in
    walls = [r["wall_s"] for r in runs]
    wall = statistics.median(walls)
    persons, households = ws["persons"], ws["households"]
    rss = int(statistics.median(r["peak_rss_bytes"] for r in runs))
    emp = [r["final"].get("employment", 0) / r["final"]["population"] for r in runs if r["final"].get("population")]
    employment_rate = statistics.median(emp) if emp else 0.45
    result = {
        "case": case,
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "bench_command": "bench/run_bench.sh " + " ".join(shlex.quote(a) for a in args.argv),
        "command": runs[0]["command"],
        "rss_source": runs[0]["rss_source"],
        "scenario": str(SCENARIOS[key].relative_to(ROOT)),
        "scenario_override": runs[0]["scenario_override"],
        "git": git,
        "machine": machine,
        "threads": threads,
        "scale": scale,
        "persons": persons,
        "households": households,
        "firms": ws["firms"],
        "villages": ws["villages"],
        "months_recorded": recorded,
        "months_burn_in": burn_in,
        "months_total": months_total,
        "repeats": len(runs),
        "statistic": f"median of {len(runs)} runs" if len(runs) > 1 else "single run",
        "wall_s": round(wall, 3),
        "wall_s_runs": [round(w, 3) for w in walls],
        "sim_s_runs": [r["sim_s"] for r in runs],
        "cpu_s_runs": [round(r["user_s"] + r["sys_s"], 2) for r in runs],
        "load_average_1min_runs": [[r["load_average_1min_before"], r["load_average_1min_after"]] for r in runs],
        "person_months": persons * months_total,
        "person_months_per_s": round(persons * months_total / wall),
        "peak_rss_bytes": rss,
        "peak_rss_gib": round(rss / 2**30, 3),
        "world_build_s": ws["build_seconds"],
        "state_bytes": {
            "reference_run": ref,
            "rss_per_person": per(rss - ref["peak_rss_bytes"], persons - ref["persons"]),
            "rss_per_household": per(rss - ref["peak_rss_bytes"], households - ref["households"]),
            "rss_note": "(peak RSS - peak RSS of the reference run) / (entities - reference entities); each "
                        "figure charges ALL the growth (persons, households, firms, monthly scratch) to one "
                        "entity kind",
            "world_heap_bytes": ws["world_heap_bytes"],
            "world_heap_per_person": round(ws["world_heap_bytes"] / persons, 1),
            "world_heap_note": "heap held by the built World before the first month (mallinfo2, bench/world_stats.cpp)",
            "theoretical": layout,
            "theoretical_per_person_incl_households": round(
                layout["bytes_per_person"] + layout["bytes_per_household"] * households / persons, 1),
        },
        "stream": stream,
        "bandwidth_floor": bandwidth_floor(persons, households, months_total, employment_rate, stream),
        # `prosim run --profile` of every run (seconds per section; docs/cli.md "Profile"), and
        # per section the median over the runs of its total wall, CPU and sequential seconds.
        "profile_runs": [r["profile"] for r in runs],
        "profile_median": profile_median(runs),
    }
    return result


def supports_flag(binary, flag, cache={}):
    """Whether a prosim binary's `run` has `flag` (binaries before it do not)."""
    if binary not in cache:
        cache[binary] = sh([binary, "run", "--help"]).stdout
    return flag in cache[binary]


def compared(runs, compare, binary):
    """The --compare-binary runs of a case, next to this binary's (same scenario and threads)."""
    if not compare:
        return None
    mine = statistics.median(r["user_s"] + r["sys_s"] for r in runs)
    theirs = statistics.median(r["user_s"] + r["sys_s"] for r in compare)
    wall_mine, wall_theirs = statistics.median(r["wall_s"] for r in runs), statistics.median(r["wall_s"] for r in compare)
    return {
        "binary": binary,
        "note": "runs alternated with this binary's in the same invocation (same threads; the scenario "
                "of --compare-scenarios where given)",
        "scenario_override": compare[0].get("scenario_override"),
        "wall_s": round(wall_theirs, 3),
        "wall_s_runs": [round(r["wall_s"], 3) for r in compare],
        "cpu_s_runs": [round(r["user_s"] + r["sys_s"], 2) for r in compare],
        "load_average_1min_runs": [[r["load_average_1min_before"], r["load_average_1min_after"]] for r in compare],
        "peak_rss_bytes": int(statistics.median(r["peak_rss_bytes"] for r in compare)),
        "speedup_wall": round(wall_theirs / wall_mine, 3),
        "speedup_cpu": round(theirs / mine, 3),
    }


def profile_median(runs):
    profiles = [r["profile"] for r in runs if r.get("profile")]
    if not profiles:
        return None
    out = {}
    for name in profiles[0]:
        rows = [p[name] for p in profiles if name in p]
        out[name] = {c: round(statistics.median(row[c] for row in rows), 3)
                     for c in ("wall_s", "cpu_s", "sequential_s") if all(c in row for row in rows)}
    return out


def median_run(runs):
    """The run whose wall time is the median (the lower middle one of an even count)."""
    return sorted(runs, key=lambda r: r["wall_s"])[(len(runs) - 1) // 2]


def machine_tag(machine):
    model = re.sub(r"[^a-z0-9]+", "-", machine["cpu_model"].lower()).strip("-")
    return f"{machine['cpus']}cpu-{model}"[:60]


def table(results):
    head = f"{'case':<18}{'scale':>7}{'thr':>4}{'persons':>12}{'months':>7}{'wall s':>9}{'stat':>10}" \
           f"{'Mpm/s':>8}{'peak GiB':>9}{'B/person':>9}{'floor s':>9}"
    lines = [head, "-" * len(head)]
    for r in results:
        lines.append(
            f"{r['case']:<18}{r['scale']:>7g}{r['threads']:>4}{r['persons']:>12,}{r['months_total']:>7}"
            f"{r['wall_s']:>9.2f}{('med/' + str(r['repeats'])) if r['repeats'] > 1 else 'single':>10}"
            f"{r['person_months_per_s'] / 1e6:>8.2f}{r['peak_rss_gib']:>9.2f}"
            f"{r['state_bytes']['rss_per_person'] or float('nan'):>9.1f}"
            f"{r['bandwidth_floor'].get('floor_s', float('nan')):>9.2f}")
    scaling = [r for r in results if r["case"].startswith("scaling")]
    if scaling:
        t1 = next((r for r in scaling if r["threads"] == 1), None)
        if t1:
            lines.append("")
            lines.append(f"{'threads':>8}{'wall s':>9}{'speed-up':>10}{'efficiency':>12}")
            for r in scaling:
                s = t1["wall_s"] / r["wall_s"]
                lines.append(f"{r['threads']:>8}{r['wall_s']:>9.2f}{s:>10.2f}{100 * s / r['threads']:>11.0f}%")
    return "\n".join(lines)


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--scale", type=float, default=1.0, help="scale of the Jinhua case (default 1.0)")
    ap.add_argument("--threads", default="", help='thread counts for the scaling case, e.g. "1 2 4 8 16" '
                                                  "(default: 1, 2, 4, ... up to and including all CPUs)")
    ap.add_argument("--scaling-scale", type=float, default=None, help="scale of the scaling case (default: --scale)")
    ap.add_argument("--province", action="store_true", help="also run the province case")
    ap.add_argument("--province-scale", type=float, default=1.0)
    ap.add_argument("--no-jinhua", action="store_true", help="skip the Jinhua case")
    ap.add_argument("--no-scaling", action="store_true", help="skip the thread-scaling case")
    ap.add_argument("--repeats", type=int, default=1, help="runs per case (runs shorter than --short-s get >= 3)")
    ap.add_argument("--short-s", type=float, default=120.0)
    ap.add_argument("--stream-mib", type=float, default=1024.0, help="MiB per STREAM array")
    ap.add_argument("--smoke", action="store_true")
    ap.add_argument("--compare-binary", default=None,
                    help="another prosim binary (e.g. an older commit's) run alternately with this one in every "
                         "case; its times go in the case's 'compare' field")
    ap.add_argument("--compare-scenarios", default=None,
                    help="the scenarios/ folder of the --compare-binary's commit (its runs extend that folder's "
                         "shipped scenario instead of this tree's: an older binary rejects newer keys)")
    ap.add_argument("--out", default=str(ROOT / "bench/results"))
    ap.add_argument("argv", nargs=argparse.REMAINDER)
    args = ap.parse_args()
    args.argv = [a for a in args.argv if a != "--"]

    ncpu = os.cpu_count()
    out_dir = pathlib.Path(args.out)
    out_dir.mkdir(parents=True, exist_ok=True)
    machine = machine_info()
    git = git_info()
    layout = theoretical_layout()
    tag = machine_tag(machine)

    stream_cmd = [str(ROOT / "build/bench/stream"), repr(args.stream_mib if not args.smoke else 64.0),
                  "10" if not args.smoke else "4"]
    s = sh(stream_cmd)
    if s.returncode != 0:
        sys.exit(f"bench: stream failed: {s.stderr}")
    stream = json.loads(s.stdout)
    stream["command"] = " ".join(stream_cmd).replace(str(ROOT) + "/", "")
    stream["load_average_1min"] = round(os.getloadavg()[0], 2)
    if not args.smoke:
        (out_dir / f"{tag}_stream.json").write_text(json.dumps(
            {"case": "stream", "machine": machine, "git": git, "date": datetime.datetime.now(
                datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"), **stream}, indent=2) + "\n")
    print(f"STREAM triad: {stream['best_gb_s']:.1f} GB/s best of {stream['repeats']} "
          f"({stream['threads']} threads, {stream['mib_per_array']:.0f} MiB/array)", flush=True)

    cases = []
    if args.smoke:
        cases.append(("smoke", "jinhua", REFERENCE_SCALE, ncpu))
    else:
        if not args.no_jinhua:
            cases.append(("jinhua", "jinhua", args.scale, ncpu))
        if not args.no_scaling:
            if args.threads:
                ts = [int(t) for t in args.threads.split()]
            else:
                ts, t = [], 1
                while t < ncpu:
                    ts.append(t)
                    t *= 2
                ts.append(ncpu)
            sscale = args.scaling_scale if args.scaling_scale is not None else args.scale
            for t in ts:
                cases.append((f"scaling", "jinhua", sscale, t))
        if args.province:
            cases.append(("province", "province", args.province_scale, ncpu))

    results = []
    with tempfile.TemporaryDirectory(prefix="prosim-bench-") as tmp:
        runner = Runner(args, tmp)
        for case, key, scale, threads in cases:
            ws = runner.world_stats(key, scale)
            if case == "province":
                # Memory check: the world's heap per person at this scale, times 2 for the
                # monthly scratch and the recorder's copies (measured ratio on Jinhua ~1.5-2).
                need = ws["world_heap_bytes"] * 2.2 + 200e6
                avail = mem_available()
                if need > 0.9 * avail:
                    print(f"province: skipped, needs ~{need / 2**30:.1f} GiB, {avail / 2**30:.1f} GiB available",
                          flush=True)
                    continue
            print(f"{case}: {key} scale {scale:g}, {threads} threads, {ws['persons']:,} persons ...", flush=True)
            if threads > ncpu:
                print(f"  note: {threads} threads on {ncpu} CPUs (oversubscribed)", flush=True)
            runs, compare = runner.run_case(key, scale, threads)
            ref = runner.reference(key, threads)
            r = summarise(case, key, scale, threads, runs, ws, ref, layout, stream, machine, git, args)
            r["compare"] = compared(runs, compare, args.compare_binary)
            profile_text = median_run(runs)["profile_text"]
            results.append(r)
            name = f"{tag}_{case}_{key}_scale{scale:g}_t{threads}.json"
            if args.smoke:
                # The smoke case checks that everything ran and the record is complete.
                for field in ("wall_s", "person_months_per_s", "peak_rss_bytes", "persons", "households"):
                    if not r[field] or r[field] <= 0:
                        sys.exit(f"bench --smoke: bad {field} = {r[field]!r}")
                if r["persons"] < 1000 or r["months_total"] < 120:
                    sys.exit("bench --smoke: implausible run size")
                if not r["profile_median"] or not {"recorder", "run_demography", "total"} <= set(r["profile_median"]):
                    sys.exit("bench --smoke: the run's --profile table is missing or incomplete")
            (out_dir / name).write_text(json.dumps(r, indent=2) + "\n")
            # The median run's profile, as prosim printed it, next to the JSON.
            if profile_text:
                (out_dir / name.replace(".json", ".profile.txt")).write_text(
                    f"# {r['command']}\n# median run of {r['repeats']} by wall time; machine {tag}, "
                    f"commit {git.get('commit')}\n" + profile_text)
            print(f"  wall {r['wall_s']:.2f} s ({r['statistic']}), {r['person_months_per_s'] / 1e6:.2f} M "
                  f"person-months/s, peak RSS {r['peak_rss_gib']:.2f} GiB -> {out_dir / name}", flush=True)
            if r["compare"]:
                c = r["compare"]
                print(f"  {c['binary']}: wall {c['wall_s']:.2f} s, CPU runs {c['cpu_s_runs']}; speed-up "
                      f"{c['speedup_wall']:.2f}x wall, {c['speedup_cpu']:.2f}x CPU", flush=True)
    print()
    print(table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
