#!/usr/bin/env python3
"""Static checks over the Azure modules, which cannot be planned here (no
azurerm provider on the machine).

For every module directory under ROOT (modules/azure):
  - it declares only the hashicorp/azurerm provider and no provider blocks;
  - a `locals { tags = merge(..., { project = var.project,
    environment = var.environment }) }` exists;
  - every azurerm resource sets `tags` from local.tags, unless its type is in
    NOT_TAGGABLE (types whose schema has no `tags` argument). Unknown types
    must be tagged: adding a type means deciding, here, which list it is on;
  - tag-carrying nested blocks (AKS default_node_pool) set `tags` too.

The HCL is parsed loosely: strings, heredocs and comments are masked, then
blocks and `name = expression` attributes are read by brace structure.

Usage: check_azure_tags.py ROOT
"""

import os
import re
import sys

NOT_TAGGABLE = {
    "azurerm_federated_identity_credential",
    "azurerm_postgresql_flexible_server_configuration",
    "azurerm_postgresql_flexible_server_database",
    "azurerm_role_assignment",
    "azurerm_storage_container",
    "azurerm_storage_management_policy",
    "azurerm_subnet",
    "azurerm_subnet_nat_gateway_association",
    "azurerm_subnet_network_security_group_association",
}

# Nested blocks that carry their own tags: resource type -> block names.
NESTED_TAGS = {
    "azurerm_kubernetes_cluster": ["default_node_pool"],
}

IDENT = r"[A-Za-z_][A-Za-z0-9_-]*"


def skip_template(src, i):
    """src[i] is just past "${" or "%{"; return the index past the closing brace."""
    depth = 1
    while i < len(src):
        ch = src[i]
        if ch == '"':
            i = skip_string(src, i + 1)
            continue
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    raise ValueError("unterminated template interpolation")


def skip_string(src, i):
    """src[i] is just past an opening quote; return the index past the closing one."""
    while i < len(src):
        ch = src[i]
        if ch == "\\":
            i += 2
            continue
        if src.startswith("${", i) or src.startswith("%{", i):
            i = skip_template(src, i + 2)
            continue
        if ch == '"':
            return i + 1
        if ch == "\n":
            raise ValueError("newline in string")
        i += 1
    raise ValueError("unterminated string")


def mask(src):
    """Comments removed; every string and heredoc replaced by "@<n>", with the
    original text kept in the returned table. Line structure is preserved."""
    out, strings = [], []
    i = 0
    while i < len(src):
        ch = src[i]
        if ch == "#" or src.startswith("//", i):
            end = src.find("\n", i)
            i = len(src) if end < 0 else end
            continue
        if src.startswith("/*", i):
            end = src.index("*/", i) + 2
            out.append("\n" * src.count("\n", i, end))
            i = end
            continue
        if ch == '"':
            end = skip_string(src, i + 1)
            strings.append(src[i + 1:end - 1])
            out.append(f'"@{len(strings) - 1}"')
            i = end
            continue
        m = re.compile(r"<<-?([A-Za-z_]+)[ \t]*\n").match(src, i)
        if m:
            marker = m.group(1)
            close = re.compile(r"^[ \t]*" + marker + r"[ \t]*$", re.M).search(src, m.end())
            if not close:
                raise ValueError(f"unterminated heredoc {marker}")
            strings.append(src[m.end():close.start()])
            out.append(f'"@{len(strings) - 1}"' + "\n" * src.count("\n", m.start(), close.end()))
            i = close.end()
            continue
        out.append(ch)
        i += 1
    return "".join(out), strings


class Block:
    def __init__(self, kind, labels, line):
        self.kind, self.labels, self.line = kind, labels, line
        self.attributes = {}
        self.blocks = []


def bracket_delta(text):
    return sum(text.count(c) for c in "{[(") - sum(text.count(c) for c in "}])")


def parse(text, strings, path):
    lines = text.split("\n")
    root = Block("file", [], 0)
    stack = [root]
    i = 0
    while i < len(lines):
        line = lines[i].strip()
        lineno = i + 1
        i += 1
        if not line:
            continue
        if line == "}":
            if len(stack) == 1:
                raise ValueError(f"{path}:{lineno}: unbalanced '}}'")
            stack.pop()
            continue
        m = re.fullmatch(rf"({IDENT})\s*=\s*(.*)", line)
        if m and not m.group(2).startswith("="):
            expr = m.group(2)
            depth = bracket_delta(expr)
            while depth > 0 and i < len(lines):
                expr += "\n" + lines[i]
                depth += bracket_delta(lines[i])
                i += 1
            stack[-1].attributes[m.group(1)] = (expr, lineno)
            continue
        m = re.fullmatch(rf"({IDENT})((?:\s+\"@\d+\")*)\s*\{{\s*(\}})?", line)
        if m:
            labels = [strings[int(n)] for n in re.findall(r'"@(\d+)"', m.group(2))]
            block = Block(m.group(1), labels, lineno)
            stack[-1].blocks.append(block)
            if not m.group(3):
                stack.append(block)
            continue
        raise ValueError(f"{path}:{lineno}: cannot parse: {line}")
    if len(stack) != 1:
        raise ValueError(f"{path}: unclosed block {stack[-1].kind} at line {stack[-1].line}")
    return root


def squash(expr):
    return re.sub(r"\s+", " ", expr)


def check_module(directory):
    failures, tagged, exempt = [], 0, 0
    files = sorted(f for f in os.listdir(directory) if f.endswith(".tf"))
    blocks = []
    for name in files:
        path = os.path.join(directory, name)
        with open(path, encoding="utf-8") as f:
            text, strings = mask(f.read())
        for block in parse(text, strings, path).blocks:
            blocks.append((path, block))

    locals_ok = False
    for path, block in blocks:
        where = f"{path}:{block.line}"
        if block.kind == "provider":
            failures.append(f"{where}: modules must not configure providers")
        if block.kind == "terraform":
            for rp in (b for b in block.blocks if b.kind == "required_providers"):
                names = sorted(rp.attributes)
                if names != ["azurerm"]:
                    failures.append(f"{where}: required_providers must be exactly azurerm, got {names}")
        if block.kind == "locals" and "tags" in block.attributes:
            expr = squash(block.attributes["tags"][0])
            locals_ok = ("project = var.project" in expr and "environment = var.environment" in expr)
        if block.kind in ("resource", "data", "ephemeral") and not block.labels[0].startswith("azurerm_"):
            failures.append(f"{where}: {block.kind} {block.labels[0]} is not from the azurerm provider")
        if block.kind != "resource":
            continue

        rtype, rname = block.labels
        address = f"{rtype}.{rname}"
        if rtype in NOT_TAGGABLE:
            exempt += 1
            if "tags" in block.attributes:
                failures.append(f"{where}: {address} sets tags but its type is listed as not taggable")
            continue
        tags = block.attributes.get("tags")
        if tags is None:
            failures.append(f"{where}: {address} has no tags")
        elif not re.search(r"\blocal\.tags\b", tags[0]):
            failures.append(f"{path}:{tags[1]}: {address} tags do not include local.tags: {squash(tags[0])}")
        else:
            tagged += 1
        for nested in NESTED_TAGS.get(rtype, []):
            for sub in (b for b in block.blocks if b.kind == nested):
                sub_tags = sub.attributes.get("tags")
                if sub_tags is None or not re.search(r"\blocal\.tags\b", sub_tags[0]):
                    failures.append(f"{path}:{sub.line}: {address}.{nested} does not set tags from local.tags")

    if not locals_ok:
        failures.append(f"{directory}: no `locals {{ tags = ... project = var.project ... "
                        f"environment = var.environment }}`")
    return failures, tagged, exempt


def main():
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    root = sys.argv[1]
    modules = sorted(d for d in os.listdir(root) if os.path.isdir(os.path.join(root, d)))
    all_failures, total_tagged, total_exempt = [], 0, 0
    for module in modules:
        try:
            failures, tagged, exempt = check_module(os.path.join(root, module))
        except ValueError as e:
            failures, tagged, exempt = [f"parse error: {e}"], 0, 0
        print(f"{module}: {tagged} tagged resources, {exempt} of non-taggable types, {len(failures)} problems")
        all_failures += failures
        total_tagged += tagged
        total_exempt += exempt
    if not modules:
        all_failures.append(f"{root}: no modules")
    print(f"azure: {len(modules)} modules, {total_tagged} tagged resources, "
          f"{total_exempt} of non-taggable types, {len(all_failures)} problems")
    for failure in all_failures:
        print(f"FAIL: {failure}")
    return 1 if all_failures else 0


if __name__ == "__main__":
    sys.exit(main())
