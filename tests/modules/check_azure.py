#!/usr/bin/env python3
"""Static checks over the Azure modules and the Azure example root module,
which cannot be validated or planned here (no azurerm provider on the
machine).

For every module directory under MODULES (modules/azure):
  - it declares only the hashicorp/azurerm provider and no provider blocks;
  - a `locals { tags = merge(..., { project = var.project,
    environment = var.environment }) }` exists;
  - every azurerm resource sets `tags` from local.tags, unless its type is in
    NOT_TAGGABLE (types whose schema has no `tags` argument). Unknown types
    must be tagged: adding a type means deciding, here, which list it is on;
  - tag-carrying nested blocks (AKS default_node_pool) set `tags` too;
  - every var.X, local.X, azurerm_T.N, data.azurerm_T.N and
    ephemeral.azurerm_T.N it references is declared.
For the example root module (--example DIR):
  - every module call passes only declared variables and all required ones;
  - every module.M.O it references is a declared output of M, and every
    var.X / local.X is declared.

The HCL is parsed loosely: strings, heredocs and comments are masked, then
blocks and `name = expression` attributes are read by brace structure.
Resource arguments are not checked (that needs the provider schema).

Usage: check_azure.py MODULES [--example DIR]
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


def load_dir(directory):
    """[(path, block, strings)] for the top-level blocks of every .tf file."""
    blocks = []
    for name in sorted(f for f in os.listdir(directory) if f.endswith(".tf")):
        path = os.path.join(directory, name)
        with open(path, encoding="utf-8") as f:
            text, strings = mask(f.read())
        for block in parse(text, strings, path).blocks:
            blocks.append((path, block, strings))
    return blocks


def code_of(block, strings):
    """All expression text of a block and its nested blocks, with the
    interpolations of its strings (where references also live)."""
    parts = []
    for expr, _ in block.attributes.values():
        parts.append(expr)
        for n in re.findall(r'"@(\d+)"', expr):
            parts += re.findall(r"\$\{(.*?)\}", strings[int(n)], re.S)
    for sub in block.blocks:
        parts.append(code_of(sub, strings))
    return "\n".join(parts)


def declared(blocks):
    names = {"var": set(), "local": set(), "resource": set(), "data": set(), "ephemeral": set(),
             "module": set(), "output": set()}
    for _, block, _ in blocks:
        if block.kind == "variable":
            names["var"].add(block.labels[0])
        elif block.kind == "locals":
            names["local"].update(block.attributes)
        elif block.kind in ("resource", "data", "ephemeral"):
            names[block.kind].add(".".join(block.labels))
        elif block.kind in ("module", "output"):
            names[block.kind].add(block.labels[0])
    return names


def check_references(blocks, names, where_module_outputs=None):
    """Undeclared var./local./resource/data/ephemeral (and module.M.O when
    where_module_outputs maps module names to their outputs) references."""
    failures = []
    for path, block, strings in blocks:
        code = code_of(block, strings)
        where = f"{path}:{block.line}"
        for kind in ("var", "local"):
            for name in sorted(set(re.findall(rf"(?<![\w.]){kind}\.({IDENT})", code)) - names[kind]):
                failures.append(f"{where}: undeclared {kind}.{name}")
        for kind in ("data", "ephemeral"):
            for ref in sorted(set(re.findall(rf"(?<![\w.]){kind}\.(azurerm_\w+\.\w+)", code)) - names[kind]):
                failures.append(f"{where}: undeclared {kind}.{ref}")
        resources = set(re.findall(r"(?<![\w.])(azurerm_\w+\.\w+)", code))
        for ref in sorted(resources - names["resource"]):
            failures.append(f"{where}: undeclared resource {ref}")
        if where_module_outputs is not None:
            for module, output in sorted(set(re.findall(rf"(?<![\w.])module\.({IDENT})(?:\[[^\]]*\])?\.({IDENT})", code))):
                if module not in where_module_outputs:
                    failures.append(f"{where}: undeclared module.{module}")
                elif output not in where_module_outputs[module]:
                    failures.append(f"{where}: module.{module} has no output {output}")
    return failures


def check_example(directory):
    """Module calls and references of an example root module."""
    failures = []
    blocks = load_dir(directory)
    names = declared(blocks)
    module_outputs = {}
    calls = 0
    for path, block, strings in blocks:
        if block.kind != "module":
            continue
        calls += 1
        where = f"{path}:{block.line}"
        source = block.attributes.get("source", ("", 0))[0].strip()
        m = re.fullmatch(r'"@(\d+)"', source)
        if not m:
            failures.append(f"{where}: module {block.labels[0]}: no literal source")
            continue
        module_dir = os.path.normpath(os.path.join(directory, strings[int(m.group(1))]))
        if not os.path.isdir(module_dir):
            failures.append(f"{where}: module {block.labels[0]}: no directory {module_dir}")
            continue
        module_blocks = load_dir(module_dir)
        variables = {b.labels[0]: "default" in b.attributes for _, b, _ in module_blocks if b.kind == "variable"}
        module_outputs[block.labels[0]] = {b.labels[0] for _, b, _ in module_blocks if b.kind == "output"}
        arguments = set(block.attributes) - {"source", "count", "for_each", "depends_on", "providers", "version"}
        for arg in sorted(arguments - set(variables)):
            failures.append(f"{where}: module {block.labels[0]} has no variable {arg}")
        for var in sorted(v for v, has_default in variables.items() if not has_default and v not in arguments):
            failures.append(f"{where}: module {block.labels[0]}: required variable {var} not set")
    failures += check_references(blocks, names, module_outputs)
    return failures, calls


def check_module(directory):
    failures, tagged, exempt = [], 0, 0
    blocks = load_dir(directory)
    failures += check_references(blocks, declared(blocks))

    locals_ok = False
    for path, block, _ in blocks:
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
    args = sys.argv[1:]
    example = None
    if len(args) == 3 and args[1] == "--example":
        example = args[2]
        args = args[:1]
    if len(args) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    root = args[0]
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
    if example is not None:
        try:
            failures, calls = check_example(example)
        except ValueError as e:
            failures, calls = [f"parse error: {e}"], 0
        if calls == 0:
            failures.append(f"{example}: no module calls")
        print(f"{os.path.basename(os.path.normpath(example))}: {calls} module calls, {len(failures)} problems")
        all_failures += failures
    for failure in all_failures:
        print(f"FAIL: {failure}")
    return 1 if all_failures else 0


if __name__ == "__main__":
    sys.exit(main())
