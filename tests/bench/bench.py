#!/usr/bin/env python3
"""ivcapgen build against `kubectl kustomize` on synthetic inputs.

For each N: generates N services (gen_inputs.py) in a temporary directory,
times `ivcapgen build` from scratch (median of --runs), a no-change rebuild
and a one-service-changed rebuild, records the peak RSS of the from-scratch
build, then times `kubectl kustomize` over the same Deployments and
WorkflowTemplates with a namespace, common labels and a patch. Prints a
table and writes bench.json. Not a test: nothing here fails on a number.
"""
import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen_inputs  # noqa: E402

KUSTOMIZATION_HEAD = """apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
namespace: ivcap-bench
labels:
  - includeSelectors: false
    pairs:
      bench.ivcap.io/run: kustomize
      app.kubernetes.io/part-of: ivcap
patches:
  - target: {kind: Deployment}
    patch: |-
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: any
        annotations:
          bench.ivcap.io/patched: "true"
  - target: {kind: WorkflowTemplate}
    patch: |-
      - op: add
        path: /metadata/annotations
        value: {bench.ivcap.io/patched: "true"}
resources:
"""


def run_timed(argv, stdout=subprocess.DEVNULL):
    """(wall seconds, peak RSS in KiB, stderr text, CPU seconds) of one run;
    raises on failure. CPU time is the steadier figure on a busy machine."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=stdout, stderr=subprocess.PIPE)
    # Reading stderr before wait4 keeps a chatty child from blocking.
    err = proc.stderr.read().decode(errors="replace")
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise RuntimeError(f"{argv[0]} exited {proc.returncode}: {err[-2000:]}")
    return seconds, usage.ru_maxrss, err, usage.ru_utime + usage.ru_stime


def ivcapgen_build(exe, work):
    env_file = os.path.join(work, "environments", "bench.yaml")
    return run_timed([exe, "build", env_file, "-o", os.path.join(work, "out", "bench")])


def backdate(root, seconds=60):
    """Dates the generated inputs a minute back, like a checkout made before
    the build: a build never trusts its stamp for a file modified after it
    started (the unchanged-rebuild check), and the generator has just
    written them all."""
    then = time.time() - seconds
    for dirpath, _, files in os.walk(root):
        for name in files:
            os.utime(os.path.join(dirpath, name), (then, then))
        os.utime(dirpath, (then, then))


def median_ms(samples):
    return round(statistics.median(samples) * 1000, 1)


def bench_ivcapgen(exe, work, n, runs):
    out = os.path.join(work, "out")
    full, cpu, rss, objects = [], [], 0, 0
    for _ in range(runs):
        shutil.rmtree(out, ignore_errors=True)
        seconds, maxrss, err, cpu_seconds = ivcapgen_build(exe, work)
        full.append(seconds)
        cpu.append(cpu_seconds)
        rss = max(rss, maxrss)
        m = re.search(r": (\d+) objects in (\d+) files", err)
        objects = int(m.group(1)) if m else 0
    # Unchanged: the stamp of the last build says nothing changed.
    no_change, skipped = [], 0
    for _ in range(runs):
        seconds, _, err, _ = ivcapgen_build(exe, work)
        no_change.append(seconds)
        skipped += "is up to date" in err
    one_changed = []
    for r in range(runs):
        k = (r * 7919) % n
        gen_inputs.write(gen_inputs.service_path(work, k), gen_inputs.service(k, rev=r + 1))
        one_changed.append(ivcapgen_build(exe, work)[0])
    return {
        "objects": objects,
        "build_ms": median_ms(full),
        "build_cpu_ms": median_ms(cpu),
        "no_change_ms": median_ms(no_change),
        "no_change_skipped_compile": f"{skipped}/{runs}",
        "one_changed_ms": median_ms(one_changed),
        "rss_mib": round(rss / 1024, 1),
    }


def bench_kustomize(kubectl, work, runs):
    """Same Deployments/WorkflowTemplates as ivcapgen emitted, through kustomize."""
    kdir = os.path.join(work, "kustomize")
    shutil.rmtree(kdir, ignore_errors=True)
    os.makedirs(kdir)
    resources = []
    k8s = os.path.join(work, "out", "bench", "k8s")
    for sub in ("20-workflowtemplates", "30-apps"):
        src = os.path.join(k8s, sub)
        if not os.path.isdir(src):
            continue
        for name in sorted(os.listdir(src)):
            dst = f"{sub}-{name}"
            shutil.copyfile(os.path.join(src, name), os.path.join(kdir, dst))
            resources.append(dst)
    with open(os.path.join(kdir, "kustomization.yaml"), "w", encoding="utf-8") as f:
        f.write(KUSTOMIZATION_HEAD + "".join(f"  - {r}\n" for r in resources))
    with open(os.path.join(work, "kustomize.out.yaml"), "w") as sink:
        samples = [run_timed([kubectl, "kustomize", kdir], stdout=sink)[0] for _ in range(runs)]
    return median_ms(samples)


def machine():
    cpu = ""
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next((line.split(":", 1)[1].strip() for line in f
                        if line.startswith("model name")), "")
    except OSError:
        pass
    osname = ""
    try:
        with open("/etc/os-release") as f:
            osname = next((line.split("=", 1)[1].strip().strip('"') for line in f
                           if line.startswith("PRETTY_NAME=")), "")
    except OSError:
        pass
    return {"cpus": os.cpu_count(), "cpu": cpu, "os": osname, "kernel": platform.release()}


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--ivcapgen", required=True, help="the ivcapgen executable")
    ap.add_argument("--kubectl", default=shutil.which("kubectl"), help="kubectl (kustomize)")
    ap.add_argument("--sizes", default="10,100,1000,5000,10000", help="numbers of services")
    ap.add_argument("--runs", type=int, default=5, help="runs per ivcapgen measurement")
    ap.add_argument("--kustomize-max", type=int, default=1000,
                    help="largest N to run kustomize on (it grows superlinearly)")
    ap.add_argument("--json", default="bench.json", help="where to write the results")
    ap.add_argument("--work-dir", default=None,
                    help="where the inputs and outputs go (default: the system temp dir). "
                         "On an ext4 without a journal, creating files soon after deleting "
                         "many costs the kernel time quadratic in the count; a tmpfs such "
                         "as /dev/shm measures ivcapgen instead")
    args = ap.parse_args()

    rows = []
    header = (f"{'N':>6} {'objects':>8} {'ivcapgen ms':>12} {'(cpu ms)':>9} {'no-change ms':>13} "
              f"{'1-changed ms':>13} {'kustomize ms':>13} {'ratio':>7} {'RSS MiB':>8}")
    print(header)
    print("-" * len(header))
    for n in [int(s) for s in args.sizes.split(",")]:
        with tempfile.TemporaryDirectory(prefix=f"ivcapgen-bench-{n}-", dir=args.work_dir) as work:
            gen_inputs.generate(n, work)
            backdate(work)
            row = {"services": n, **bench_ivcapgen(args.ivcapgen, work, n, args.runs)}
            if not args.kubectl:
                row["kustomize_ms"] = None
                row["kustomize"] = "skipped: kubectl not found"
            elif n > args.kustomize_max:
                row["kustomize_ms"] = None
                row["kustomize"] = f"skipped: N > --kustomize-max {args.kustomize_max}"
            else:
                row["kustomize_ms"] = bench_kustomize(args.kubectl, work, 3 if n <= 100 else 1)
        k = row["kustomize_ms"]
        row["ratio"] = round(k / row["build_ms"], 1) if k else None
        rows.append(row)
        print(f"{n:>6} {row['objects']:>8} {row['build_ms']:>12} {row['build_cpu_ms']:>9} "
              f"{row['no_change_ms']:>13} "
              f"{row['one_changed_ms']:>13} {k if k else 'skipped':>13} "
              f"{(str(row['ratio']) + 'x') if k else '-':>7} {row['rss_mib']:>8}", flush=True)
    with open(args.json, "w", encoding="utf-8") as f:
        json.dump({"machine": machine(), "runs": args.runs,
                   "work_dir": args.work_dir or tempfile.gettempdir(), "results": rows}, f, indent=2)
        f.write("\n")
    print(f"wrote {args.json}")


if __name__ == "__main__":
    main()
