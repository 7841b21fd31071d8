#!/usr/bin/env python3
"""Generates argo_fields.inc, the table of Argo 3.6 object fields that
argo_schema.cpp checks user-written Argo templates against.

Rerun after updating ../shared/schemas (and commit the result):

    python3 generator/spec/argo/gen_argo_fields.py
    # or explicitly:
    python3 generator/spec/argo/gen_argo_fields.py --schemas ../shared/schemas \
        --output generator/spec/argo/argo_fields.inc

Input: the strict Draft-07 schema of WorkflowTemplate (all its definitions and
its root) plus the root object of the Workflow schema (without `status`, which
only the controller writes). Anything in the schema that this script does not
understand is an error, so a new schema construct is never dropped silently.
The output is deterministic: same input, same bytes. Python 3 stdlib only.
"""
import argparse
import hashlib
import json
import os
import sys

ARGO_PREFIX = "io.argoproj.workflow.v1alpha1."
TEMPLATE_FILE = "workflowtemplate-argoproj-v1alpha1.json"
WORKFLOW_FILE = "workflow-argoproj-v1alpha1.json"
# The Kubernetes quantity grammar and base64, as build_schemas.py writes them;
# argo_schema.cpp implements both by hand.
QUANTITY_PATTERN = (r"^(\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|"
                    r"([eE](\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))))?$")
BASE64_PATTERN = (r"^(?:[A-Za-z0-9+/]{4}|\r?\n)*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?"
                  r"(?:\r?\n)*$")
INT64 = (-(2**63), 2**63 - 1)


class Table:
    def __init__(self, definitions):
        self.names = sorted(definitions)
        self.index = {n: i for i, n in enumerate(self.names)}
        self.defs = definitions
        self.types = []  # (kind, nullable, arg, enum_first, enum_count)
        self.type_index = {}
        self.enums = []
        self.enum_index = {}

    def intern(self, kind, arg=0, enum=(), nullable=False):
        first = 0
        if enum:
            enum = tuple(enum)
            if enum not in self.enum_index:
                self.enum_index[enum] = len(self.enums)
                self.enums.extend(enum)
            first = self.enum_index[enum]
        key = (kind, int(nullable), arg, first, len(enum))
        if key not in self.type_index:
            self.type_index[key] = len(self.types)
            self.types.append(key)
        return self.type_index[key]

    def type_of(self, schema, where):
        """The type index for a property (or definition body) schema."""
        s = dict(schema)
        if "$ref" in s:
            ref = s.pop("$ref")
            expect(not s and ref.startswith("#/definitions/"), where, schema)
            return self.intern("Ref", self.index[ref[len("#/definitions/"):]])
        t = s.pop("type", None)
        nullable = isinstance(t, list) and "null" in t
        if nullable:
            t = [x for x in t if x != "null"]
            t = t[0] if len(t) == 1 else t
        if t == "array":
            element = self.type_of(s.pop("items"), where + "[]")
            expect(not s, where, schema)
            return self.intern("Array", element, nullable=nullable)
        if t == "object":
            extra = s.pop("additionalProperties", None)
            expect(not s, where, schema)
            if isinstance(extra, dict):
                return self.intern("Map", self.type_of(extra, where + "{}"), nullable=nullable)
            expect(extra is None, where, schema)
            return self.intern("FreeObject", nullable=nullable)
        if t is None and not s:
            return self.intern("Any")
        enum = s.pop("enum", ())
        pattern = s.pop("pattern", None)
        fmt = s.pop("format", None)
        lo, hi = s.pop("minimum", None), s.pop("maximum", None)
        expect(not s, where, schema)
        if t == ["string", "number"] and pattern == QUANTITY_PATTERN and not enum:
            return self.intern("Quantity", nullable=nullable)
        if t == ["string", "integer"] and pattern is None and not enum:
            return self.intern("IntOrString", nullable=nullable)
        if t == ["string", "number", "boolean"] and pattern is None and not enum:
            return self.intern("AnyScalar", nullable=nullable)
        if t == "string" and fmt == "byte" and pattern == BASE64_PATTERN and not enum:
            return self.intern("Bytes", nullable=nullable)
        if t == "string" and fmt == "date-time" and pattern is None and not enum:
            return self.intern("DateTime", nullable=nullable)
        expect(pattern is None and fmt in (None, "int32", "int64"), where, schema)
        if t == "integer":
            # The checker reads integers as int64; narrower bounds would be lost.
            expect((lo, hi) in ((None, None), INT64) and not enum, where, schema)
            return self.intern("Integer", nullable=nullable)
        expect(lo is None and hi is None, where, schema)
        kinds = {"string": "String", "number": "Number", "boolean": "Boolean"}
        expect(t in kinds and (not enum or t == "string"), where, schema)
        return self.intern(kinds[t], enum=enum, nullable=nullable)


def expect(ok, where, schema):
    if not ok:
        sys.exit(f"gen_argo_fields.py: unsupported schema at {where}: {json.dumps(schema)}")


def describe_type(table, i):
    kind, nullable, arg, first, count = table.types[i]
    text = {"Ref": lambda: table.names[arg], "Array": lambda: "array of " + describe_type(table, arg),
            "Map": lambda: "map of " + describe_type(table, arg)}.get(kind, lambda: kind)()
    if count:
        text += " enum"
    return text + (" or null" if nullable else "")


def c_string(s):
    return json.dumps(s)  # JSON escapes are valid C++ escapes for these ASCII names


def build(schemas_dir):
    template_path = os.path.join(schemas_dir, "argo", TEMPLATE_FILE)
    workflow_path = os.path.join(schemas_dir, "argo", WORKFLOW_FILE)
    raw = {p: open(p, "rb").read() for p in (template_path, workflow_path)}
    template = json.loads(raw[template_path])
    workflow = json.loads(raw[workflow_path])
    sources = json.load(open(os.path.join(schemas_dir, "sources.json")))["argo"]

    definitions = dict(template["definitions"])
    roots = {"WorkflowTemplate": {k: v for k, v in template.items()
                                  if k not in ("definitions", "$schema", "title")}}
    wf_root = {k: v for k, v in workflow.items() if k not in ("definitions", "$schema", "title")}
    wf_root["properties"] = {k: v for k, v in wf_root["properties"].items() if k != "status"}
    roots["Workflow"] = wf_root
    for kind, root in roots.items():
        for prop in root["properties"].values():
            ref = prop.get("$ref", "#/definitions/")[len("#/definitions/"):]
            expect(not ref or workflow["definitions"].get(ref, definitions.get(ref)) ==
                   definitions.get(ref), kind, prop)
        definitions[ARGO_PREFIX + kind] = root

    table = Table(definitions)
    rows = []  # (name, body_type, first_field, field_count)
    fields = []  # (name, type, required, owner)
    for name in table.names:
        schema = dict(definitions[name])
        props = schema.pop("properties", None)
        if props is None:
            rows.append((name, table.type_of(schema, name), len(fields), 0))
            continue
        required = set(schema.pop("required", ()))
        expect(schema == {"type": "object", "additionalProperties": False}, name, schema)
        expect(required <= set(props), name, sorted(required))
        first = len(fields)
        for field in sorted(props):
            fields.append((field, table.type_of(props[field], name + "." + field),
                           field in required, name))
        # Every object definition shares one body type: its fields are its own.
        rows.append((name, table.intern("Object"), first, len(props)))
    return table, rows, fields, raw, sources


def render(table, rows, fields, raw, sources):
    out = ["// Generated by generator/spec/argo/gen_argo_fields.py -- do not edit; rerun it.",
           f"// Argo Workflows {sources['version']}: {sources['source']}",
           "// Read from:"]
    for path, data in raw.items():
        out.append(f"//   {os.path.basename(path)} sha256 {hashlib.sha256(data).hexdigest()}")
    out.append(f"//   ({WORKFLOW_FILE}: only its root object, without `status`)")
    out.append(f"// {len(rows)} definitions, {len(fields)} fields, {len(table.types)} types, "
               f"{len(table.enums)} enum values.")
    out.append("// clang-format off")
    out.append("constexpr std::string_view kEnumValues[] = {")
    line = " "
    for value in table.enums:
        item = " " + c_string(value) + ","
        if len(line) + len(item) > 100:
            out.append(line)
            line = " "
        line += item
    out.append(line)
    out.append("};")
    out.append("// {kind, nullable, arg (element type of Array/Map, definition of Ref), enum first, "
               "enum count}")
    out.append("constexpr TypeEntry kTypes[] = {")
    for i, (kind, nullable, arg, first, count) in enumerate(table.types):
        out.append(f"  {{K::{kind}, {nullable}, {arg}, {first}, {count}}},  "
                   f"// {i}: {describe_type(table, i)}")
    out.append("};")
    out.append("// {name, type, required}, sorted by name within each definition")
    out.append("constexpr FieldEntry kFields[] = {")
    owner = None
    for name, type_index, required, field_owner in fields:
        if field_owner != owner:
            out.append(f"  // {field_owner}")
            owner = field_owner
        out.append(f"  {{{c_string(name)}, {type_index}, {int(required)}}},")
    out.append("};")
    out.append("// {name, body type, first field, field count}, sorted by name")
    out.append("constexpr DefinitionEntry kDefinitions[] = {")
    for name, body, first, count in rows:
        out.append(f"  {{{c_string(name)}, {body}, {first}, {count}}},")
    out.append("};")
    out.append("// clang-format on")
    return "\n".join(out) + "\n"


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--schemas", default=os.path.join(here, "..", "..", "..", "..",
                                                          "shared", "schemas"),
                        help="the shared/schemas directory (default: ../shared/schemas)")
    parser.add_argument("--output", default=os.path.join(here, "argo_fields.inc"))
    args = parser.parse_args()
    text = render(*build(os.path.normpath(args.schemas)))
    with open(args.output, "w", encoding="ascii", newline="\n") as f:
        f.write(text)


if __name__ == "__main__":
    main()
