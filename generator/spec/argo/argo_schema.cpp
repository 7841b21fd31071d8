#include "spec/argo/argo_schema.h"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <span>
#include <stdexcept>
#include <string>

#include "diag/suggest.h"
#include "spec/argo/scalar_syntax.h"

namespace ivcapgen::spec::argo {

namespace {

// The shapes of argo_fields.inc; gen_argo_fields.py writes the same names.
enum class Kind : uint8_t {
  String,
  Integer,
  Number,
  Boolean,
  IntOrString,
  Quantity,
  AnyScalar,  // Argo's AnyString: a string, number or boolean
  Bytes,      // base64
  DateTime,
  Any,         // anything, null included (Argo's Item)
  FreeObject,  // a mapping of anything
  Object,      // the body of a definition with fields
  Array,       // arg: the item type
  Map,         // arg: the value type
  Ref,         // arg: the definition
};

struct TypeEntry {
  Kind kind;
  uint8_t nullable;
  uint16_t arg;
  uint16_t enum_first;
  uint16_t enum_count;
};

struct FieldEntry {
  std::string_view name;
  uint16_t type;
  uint8_t required;
};

struct DefinitionEntry {
  std::string_view name;
  uint16_t body;  // a type; Kind::Object for definitions with fields
  uint16_t first_field;
  uint16_t field_count;
};

using K = Kind;

#include "spec/argo/argo_fields.inc"

constexpr bool table_is_consistent() {
  for (size_t i = 0; i < std::size(kDefinitions); ++i) {
    const auto& d = kDefinitions[i];
    if (i > 0 && !(kDefinitions[i - 1].name < d.name)) return false;
    if (d.body >= std::size(kTypes) || d.first_field + d.field_count > std::size(kFields))
      return false;
    for (size_t f = d.first_field; f < d.first_field + d.field_count; ++f) {
      if (f > d.first_field && !(kFields[f - 1].name < kFields[f].name)) return false;
      if (kFields[f].type >= std::size(kTypes)) return false;
    }
  }
  for (const auto& t : kTypes) {
    if (t.enum_first + t.enum_count > std::size(kEnumValues)) return false;
    if (t.kind == Kind::Ref && t.arg >= std::size(kDefinitions)) return false;
    if ((t.kind == Kind::Array || t.kind == Kind::Map) && t.arg >= std::size(kTypes)) return false;
  }
  return true;
}
static_assert(table_is_consistent(),
              "argo_fields.inc is not sorted or not consistent: rerun "
              "gen_argo_fields.py");

constexpr const char* kRule = "argo-schema";

const DefinitionEntry* find_definition(std::string_view name) {
  auto it =
      std::lower_bound(std::begin(kDefinitions), std::end(kDefinitions), name,
                       [](const DefinitionEntry& d, std::string_view n) { return d.name < n; });
  return it != std::end(kDefinitions) && it->name == name ? &*it : nullptr;
}

const DefinitionEntry& definition_or_throw(std::string_view name) {
  const DefinitionEntry* d = find_definition(name);
  if (!d) throw std::invalid_argument("no Argo schema type '" + std::string(name) + "'");
  return *d;
}

std::span<const FieldEntry> fields_of(const DefinitionEntry& d) {
  return {kFields + d.first_field, d.field_count};
}

const FieldEntry* find_field_entry(const DefinitionEntry& d, std::string_view name) {
  auto fields = fields_of(d);
  auto it = std::lower_bound(fields.begin(), fields.end(), name,
                             [](const FieldEntry& f, std::string_view n) { return f.name < n; });
  return it != fields.end() && it->name == name ? &*it : nullptr;
}

std::span<const std::string_view> enum_values(const TypeEntry& t) {
  return {kEnumValues + t.enum_first, t.enum_count};
}

bool is_object(const DefinitionEntry& d) {
  return kTypes[d.body].kind == Kind::Object;
}

bool is_null(const SourceNode& n) {
  return n.is_null() || (n.is_scalar() && n.scalar_type() == SourceNode::ScalarType::Null);
}

// --- JSON conversion ---------------------------------------------------------

// A plain number as JSON; nullopt when it is not one or does not fit.
std::optional<nlohmann::ordered_json> yaml_number(const SourceNode& n) {
  switch (n.scalar_type()) {
    case SourceNode::ScalarType::Integer:
      if (auto v = parse_yaml_int(n.text)) return nlohmann::ordered_json(*v);
      return std::nullopt;
    case SourceNode::ScalarType::Float:
      if (auto v = parse_yaml_float(n.text); v && std::isfinite(*v)) {
        return nlohmann::ordered_json(*v);
      }
      return std::nullopt;
    default:
      return std::nullopt;
  }
}

nlohmann::ordered_json any_to_json(const SourceNode& n) {
  switch (n.kind) {
    case SourceNode::Kind::Null:
      return nullptr;
    case SourceNode::Kind::Sequence: {
      auto out = nlohmann::ordered_json::array();
      for (const auto& item : n.items) out.push_back(any_to_json(item));
      return out;
    }
    case SourceNode::Kind::Mapping: {
      auto out = nlohmann::ordered_json::object();
      for (const auto& m : n.items) out[m.key] = any_to_json(m);
      return out;
    }
    case SourceNode::Kind::Scalar:
      break;
  }
  switch (n.scalar_type()) {
    case SourceNode::ScalarType::Null:
      return nullptr;
    case SourceNode::ScalarType::Boolean:
      return n.text[0] == 't' || n.text[0] == 'T';
    case SourceNode::ScalarType::Integer:
    case SourceNode::ScalarType::Float:
      // Beyond JSON's numbers (1e999, .nan, 2^64): keep the text.
      return yaml_number(n).value_or(nlohmann::ordered_json(n.text));
    case SourceNode::ScalarType::String:
      break;
  }
  return n.text;
}

nlohmann::ordered_json definition_to_json(const SourceNode& n, const DefinitionEntry& d);

nlohmann::ordered_json value_to_json(const SourceNode& n, uint16_t type) {
  const TypeEntry& t = kTypes[type];
  if (is_null(n)) return nullptr;
  switch (t.kind) {
    case Kind::Ref:
      return definition_to_json(n, kDefinitions[t.arg]);
    case Kind::Array:
      if (n.is_sequence()) {
        auto out = nlohmann::ordered_json::array();
        for (const auto& item : n.items) out.push_back(value_to_json(item, t.arg));
        return out;
      }
      break;
    case Kind::Map:
      if (n.is_mapping()) {
        auto out = nlohmann::ordered_json::object();
        for (const auto& m : n.items) out[m.key] = value_to_json(m, t.arg);
        return out;
      }
      break;
    case Kind::String:
    case Kind::Bytes:
    case Kind::DateTime:
      if (n.is_scalar()) return n.text;
      break;
    case Kind::Integer:
      if (n.scalar_type() == SourceNode::ScalarType::Integer) {
        if (auto v = yaml_number(n)) return *v;
      }
      break;
    case Kind::Number:
    case Kind::IntOrString:
    case Kind::Quantity:
      if (!n.is_scalar()) break;
      if (auto v = yaml_number(n)) {
        if (t.kind != Kind::IntOrString || v->is_number_integer()) return *v;
      }
      if (t.kind != Kind::Number && n.scalar_type() == SourceNode::ScalarType::String) {
        return n.text;
      }
      break;
    case Kind::Boolean:
    case Kind::AnyScalar:
    case Kind::Any:
    case Kind::FreeObject:
    case Kind::Object:
      break;
  }
  return any_to_json(n);
}

nlohmann::ordered_json definition_to_json(const SourceNode& n, const DefinitionEntry& d) {
  if (!is_object(d)) return value_to_json(n, d.body);
  if (!n.is_mapping()) return any_to_json(n);
  auto out = nlohmann::ordered_json::object();
  for (const auto& m : n.items) {
    const FieldEntry* f = find_field_entry(d, m.key);
    out[m.key] = f ? value_to_json(m, f->type) : any_to_json(m);
  }
  return out;
}

// --- checking ----------------------------------------------------------------

std::string quoted_list(std::span<const std::string_view> values) {
  std::vector<std::string> items;
  for (auto v : values) items.push_back(v.empty() ? "\"\"" : std::string(v));
  return diag::join_alternatives(items);
}

std::string expected_definition(const DefinitionEntry& d);

std::string expected_type(const TypeEntry& t) {
  switch (t.kind) {
    case Kind::String:
      return t.enum_count ? "one of " + quoted_list(enum_values(t)) : "a string";
    case Kind::Integer:
      return "an integer";
    case Kind::Number:
      return "a number";
    case Kind::Boolean:
      return "a boolean (true or false)";
    case Kind::IntOrString:
      return "an integer or a string";
    case Kind::Quantity:
      return "a quantity such as 500m, 2 or 1Gi";
    case Kind::AnyScalar:
      return "a string, number or boolean";
    case Kind::Bytes:
      return "a base64 string";
    case Kind::DateTime:
      return "a date-time string";
    case Kind::Any:
      return "a value";
    case Kind::FreeObject:
    case Kind::Object:
    case Kind::Map:
      return "a mapping";
    case Kind::Array:
      return "a list";
    case Kind::Ref:
      return expected_definition(kDefinitions[t.arg]);
  }
  return "a value";
}

std::string expected_definition(const DefinitionEntry& d) {
  switch (kTypes[d.body].kind) {
    case Kind::Object:
      return "a mapping (" + std::string(readable_name(d.name)) + ")";
    case Kind::Array:
      return "a list (" + std::string(readable_name(d.name)) + ")";
    default:
      return expected_type(kTypes[d.body]);
  }
}

bool is_identifier(std::string_view key) {
  if (key.empty()) return false;
  return std::all_of(key.begin(), key.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '-' || c == '$';
  });
}

// Walks a tree against the table, keeping the path to the current node for
// messages (rendered only when something is reported).
class SchemaChecker {
 public:
  SchemaChecker(diag::DiagnosticSink& sink, std::string_view context)
      : sink_(sink), context_(context) {
    path_.reserve(32);
  }

  size_t errors() const { return errors_; }

  void check_definition(const SourceNode& n, const DefinitionEntry& d, std::string_view label) {
    if (!is_object(d)) {
      check_value(n, d.body, label, &d);
      return;
    }
    if (!n.is_mapping()) {
      mismatch(n, expected_definition(d), "");
      return;
    }
    for (const auto& m : n.items) {
      const FieldEntry* f = find_field_entry(d, m.key);
      if (!f) {
        unknown_field(m, d);
        continue;
      }
      path_.push_back({m.key, 0});
      check_value(m, f->type, f->name);
      path_.pop_back();
    }
    for (const auto& f : fields_of(d)) {
      if (f.required && !n.find(f.name)) {
        error(n.location, "missing required field '" + std::string(f.name) + "' in " +
                              std::string(readable_name(d.name)));
      }
    }
  }

 private:
  struct Segment {
    std::string_view key;  // empty for a list index
    size_t index;
  };

  // `named` is the definition whose body `type` is, for messages.
  void check_value(const SourceNode& n, uint16_t type, std::string_view label,
                   const DefinitionEntry* named = nullptr) {
    const TypeEntry& t = kTypes[type];
    if (t.kind == Kind::Any) return;
    auto expected = [&] { return named ? expected_definition(*named) : expected_type(t); };
    if (is_null(n)) {
      if (!t.nullable) mismatch(n, expected(), "give it a value or remove the field");
      return;
    }
    switch (t.kind) {
      case Kind::Ref:
        check_definition(n, kDefinitions[t.arg], label);
        return;
      case Kind::FreeObject:
      case Kind::Object:
        if (!n.is_mapping()) mismatch(n, expected(), "");
        return;
      case Kind::Array:
        if (!n.is_sequence()) return mismatch(n, expected(), list_hint(n, named));
        for (size_t i = 0; i < n.items.size(); ++i) {
          path_.push_back({{}, i});
          check_value(n.items[i], t.arg, label);
          path_.pop_back();
        }
        return;
      case Kind::Map:
        if (!n.is_mapping()) return mismatch(n, expected(), "");
        for (const auto& m : n.items) {
          path_.push_back({m.key, 0});
          check_value(m, t.arg, m.key);
          path_.pop_back();
        }
        return;
      default:
        if (!n.is_scalar()) return mismatch(n, expected(), "");
        check_scalar(n, t, label);
    }
  }

  // The usual slip in `steps`: one list instead of a list of parallel groups.
  static std::string list_hint(const SourceNode& n, const DefinitionEntry* named) {
    if (!named || readable_name(named->name) != "ParallelSteps" || !n.is_mapping()) return "";
    return "steps is a list of groups of parallel steps; write '- - name: ...' for a group of one";
  }

  void check_scalar(const SourceNode& n, const TypeEntry& t, std::string_view label) {
    using ST = SourceNode::ScalarType;
    const ST st = n.scalar_type();
    switch (t.kind) {
      case Kind::String:
      case Kind::Bytes:
      case Kind::DateTime:
        if (st != ST::String) return mismatch(n, expected_type(t), quote_hint(n));
        return check_string(n, t, label);
      case Kind::Integer:
        if (st == ST::Integer) return check_range(n);
        return mismatch(n, expected_type(t),
                        n.quoted && parse_yaml_int(n.text) ? unquote_hint(n) : "");
      case Kind::Number:
        if (st == ST::Integer || st == ST::Float) return check_finite(n);
        return mismatch(n, expected_type(t),
                        n.quoted && parse_yaml_float(n.text) ? unquote_hint(n) : "");
      case Kind::Boolean:
        if (st == ST::Boolean) return;
        return mismatch(n, expected_type(t),
                        n.quoted && SourceNode::scalar(n.text).scalar_type() == ST::Boolean
                            ? unquote_hint(n)
                            : "write true or false");
      case Kind::IntOrString:
        if (st == ST::String) return;
        if (st == ST::Integer) return check_range(n);
        return mismatch(n, expected_type(t), quote_hint(n));
      case Kind::Quantity:
        if (st == ST::Boolean) return mismatch(n, expected_type(t), "");
        return check_quantity(n, label);
      case Kind::AnyScalar:
        if (st == ST::Float) check_finite(n);
        if (st == ST::Integer) check_range(n);
        return;
      default:
        return;
    }
  }

  void check_string(const SourceNode& n, const TypeEntry& t, std::string_view label) {
    if (t.kind == Kind::Bytes && !is_base64(n.text)) {
      error(n.location, "invalid base64 in " + std::string(label));
    } else if (t.kind == Kind::DateTime && !is_date_time(n.text)) {
      error(n.location, "invalid date-time '" + n.text + "' for " + std::string(label)).note =
          "write an RFC 3339 date-time, e.g. 2024-05-01T12:00:00Z";
    } else if (t.enum_count > 0) {
      auto values = enum_values(t);
      if (std::find(values.begin(), values.end(), n.text) != values.end()) return;
      auto& d = error(n.location, "invalid " + std::string(label) + " '" + n.text + "': expected " +
                                      quoted_list(values));
      d.suggestion =
          diag::closest_match(n.text, std::vector<std::string>(values.begin(), values.end()))
              .value_or("");
    }
  }

  void check_range(const SourceNode& n) {
    if (!parse_yaml_int(n.text)) error(n.location, "integer " + n.text + " is out of range");
  }

  void check_finite(const SourceNode& n) {
    auto v = parse_yaml_float(n.text);
    if (!v || !std::isfinite(*v)) {
      error(n.location, "expected a finite number, got " + n.text).note = quote_hint(n);
    }
  }

  void check_quantity(const SourceNode& n, std::string_view label) {
    if (is_quantity(n.text)) {
      // A plain number must also be a finite JSON number.
      if (!n.quoted && n.scalar_type() == SourceNode::ScalarType::Float) check_finite(n);
      return;
    }
    auto& d = error(n.location, "invalid quantity '" + n.text + "' for " + std::string(label));
    d.suggestion = quantity_fix(n.text).value_or("");
    d.note =
        "a quantity is a number with an optional suffix: Ki, Mi, Gi, Ti, Pi, Ei (powers of 1024), "
        "n, u, m, k, M, G, T, P, E (powers of 1000) or an exponent (1e3)";
  }

  void unknown_field(const SourceNode& member, const DefinitionEntry& d) {
    auto& diag = error(member.key_location, "unknown field '" + member.key + "' in " +
                                                std::string(readable_name(d.name)));
    std::vector<std::string> names;
    names.reserve(d.field_count);
    for (const auto& f : fields_of(d)) names.emplace_back(f.name);
    diag.suggestion = diag::closest_match(member.key, names).value_or("");
  }

  static std::string quote_hint(const SourceNode& n) {
    if (!n.is_scalar() || n.quoted) return "";
    return "quote it to make it a string: \"" + n.text + "\"";
  }

  static std::string unquote_hint(const SourceNode& n) {
    return "write it without quotes: " + n.text;
  }

  void mismatch(const SourceNode& n, const std::string& expected, std::string note) {
    error(n.location, "expected " + expected + ", got " + n.describe()).note = std::move(note);
  }

  diag::Diagnostic& error(const SourceLocation& loc, std::string message) {
    ++errors_;
    std::string path = render_path();
    if (!path.empty()) message = path + ": " + message;
    auto& d = sink_.error(loc, std::move(message));
    d.rule = kRule;
    return d;
  }

  std::string render_path() const {
    std::string out(context_);
    for (const auto& s : path_) {
      if (s.key.empty()) {
        out += "[" + std::to_string(s.index) + "]";
      } else if (is_identifier(s.key)) {
        if (!out.empty()) out += '.';
        out += s.key;
      } else {
        out += "[" + nlohmann::json(std::string(s.key)).dump() + "]";
      }
    }
    return out;
  }

  diag::DiagnosticSink& sink_;
  std::string_view context_;
  std::vector<Segment> path_;
  size_t errors_ = 0;
};

}  // namespace

bool check(const SourceNode& node, std::string_view type, diag::DiagnosticSink& sink,
           std::string_view context) {
  const DefinitionEntry& d = definition_or_throw(type);
  SchemaChecker checker(sink, context);
  checker.check_definition(node, d, readable_name(d.name));
  return checker.errors() == 0;
}

nlohmann::ordered_json to_json(const SourceNode& node, std::string_view type) {
  return definition_to_json(node, definition_or_throw(type));
}

bool has_type(std::string_view type) {
  return find_definition(type) != nullptr;
}

std::string_view readable_name(std::string_view type) {
  constexpr std::string_view kDefaults = ".defaults";
  if (type.ends_with(kDefaults)) type.remove_suffix(kDefaults.size());
  size_t dot = type.rfind('.');
  return dot == type.npos ? type : type.substr(dot + 1);
}

std::optional<FieldType> find_field(std::string_view object, std::string_view field) {
  const DefinitionEntry* d = find_definition(object);
  if (!d) return std::nullopt;
  const FieldEntry* f = find_field_entry(*d, field);
  if (!f) return std::nullopt;
  FieldType out;
  out.required = f->required != 0;
  const TypeEntry* t = &kTypes[f->type];
  if (t->kind == Kind::Array || t->kind == Kind::Map) {
    out.collection = t->kind == Kind::Array ? Collection::List : Collection::Map;
    t = &kTypes[t->arg];
  }
  if (t->kind == Kind::Ref) out.definition = kDefinitions[t->arg].name;
  return out;
}

std::string_view field_type(std::string_view object, std::string_view field) {
  auto f = find_field(object, field);
  return f ? f->definition : std::string_view();
}

std::vector<std::string_view> field_names(std::string_view object) {
  std::vector<std::string_view> out;
  if (const DefinitionEntry* d = find_definition(object)) {
    for (const auto& f : fields_of(*d)) out.push_back(f.name);
  }
  return out;
}

}  // namespace ivcapgen::spec::argo
