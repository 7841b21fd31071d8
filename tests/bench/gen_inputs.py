#!/usr/bin/env python3
"""Synthetic ivcapgen inputs for the benchmarks (tests/bench/run.sh).

gen_inputs.py N DIR writes DIR/.git (so DIR is its own root),
DIR/environments/bench.yaml and N services in DIR/environments/services/,
a rotating mix of basic, argo-wf DAG, app-server and dynamic services.
`--touch K` rewrites service K only (a one-service-changed rebuild).
"""
import argparse
import os
import uuid

ENVIRONMENT = """apiVersion: ivcapgen/v1
kind: Environment
metadata:
  name: bench
spec:
  provider: local
  services: [services/*.yaml]
"""

DESCRIPTION = ("A synthetic benchmark service number {i}. It exists only to measure how "
               "fast ivcapgen compiles many services; do not order it for real work.")


def basic(i, rev):
    return f"""$schema: urn:ivcap:schema:service.2
name: svc-{i:05d}
description: {DESCRIPTION.format(i=i)}
parameters:
  - {{name: input, type: artifact, description: The input artifact}}
  - {{name: top, type: int, description: How many results, default: "{10 + rev}", optional: true}}
policy: urn:ivcap:policy:ivcap.open.service
controller:
  $schema: urn:ivcap:schema:service.basic.1
  image: ghcr.io/ivcap-works/bench-basic:1.{i % 7}.{rev}
  command: [python3, /app/main.py, --top, "{{{{workflow.parameters.top}}}}"]
  cpu: {{request: 100m, limit: 500m}}
  memory: {{request: 64Mi, limit: 256Mi}}
"""


def dag(i, rev):
    return f"""$schema: urn:ivcap:schema:service.2
name: svc-{i:05d}
description: {DESCRIPTION.format(i=i)}
parameters:
  - name: message
    description: message to display
    type: string
policy: urn:ivcap:policy:ivcap.open.service
controller:
  $schema: urn:ivcap:schema:service.argo-wf.1
  entrypoint: main
  templates:
    - name: main
      dag:
        tasks:
          - name: first
            template: echo
          - name: second
            dependencies: [first]
            template: done
    - name: echo
      inputs:
        parameters:
          - name: message
      container:
        image: alpine:3.{19 + rev}
        command: [sh, -c]
        args: ["echo '{{{{inputs.parameters.message}}}}'"]
    - name: done
      container:
        image: alpine:3.{19 + rev}
        command: [sh, -c]
        args: ["echo done {i}"]
"""


def app_server(i, rev):
    artifact = uuid.UUID(int=(i << 64) | (rev + 1))
    return f"""$schema: urn:ivcap:schema:service.2
name: svc-{i:05d}
description: {DESCRIPTION.format(i=i)}
policy: urn:ivcap:policy:ivcap.open.service
controller:
  $schema: urn:ivcap:schema:service.app-server.1
  host: app-{i:05d}
  artifact: urn:ivcap:artifact:{artifact}
  "404": index.html
"""


def dynamic(i, rev):
    return f"""$schema: urn:ivcap:schema:service.2
name: svc-{i:05d}
description: {DESCRIPTION.format(i=i)}
policy: urn:ivcap:policy:ivcap.open.service
controller:
  $schema: urn:ivcap:schema:service.dynamic.1
  image: ghcr.io/ivcap-works/bench-dynamic:0.{i % 5}.{rev}
  port: 8080
  ready-url: /healthz
  scale-to-zero: true
  idle-timeout: 10m
  cpu: {{request: 500m, limit: "2"}}
  memory: {{request: 1Gi, limit: 2Gi}}
"""


KINDS = [basic, dag, app_server, dynamic]


def service(i, rev=0):
    return KINDS[i % len(KINDS)](i, rev)


def write(path, text):
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def service_path(root, i):
    return os.path.join(root, "environments", "services", f"svc-{i:05d}.yaml")


def generate(n, root):
    os.makedirs(os.path.join(root, ".git"), exist_ok=True)
    os.makedirs(os.path.join(root, "environments", "services"), exist_ok=True)
    write(os.path.join(root, "environments", "bench.yaml"), ENVIRONMENT)
    for i in range(n):
        write(service_path(root, i), service(i))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", type=int, help="number of services")
    ap.add_argument("dir", help="directory to write (created)")
    ap.add_argument("--touch", type=int, metavar="K", help="change service K only")
    args = ap.parse_args()
    if args.touch is not None:
        write(service_path(args.dir, args.touch), service(args.touch, rev=1))
    else:
        generate(args.n, args.dir)


if __name__ == "__main__":
    main()
