#pragma once
// A YAML/JSON document as a tree whose every node remembers where it was
// written. It is what the reader produces, what overlays merge, and what
// free-form parts of the model (Argo templates, Helm values) keep.
#include <string>
#include <string_view>
#include <vector>

#include "diag/source.h"

namespace ivcapgen::spec {

using diag::SourceLocation;

class SourceNode {
 public:
  enum class Kind : uint8_t { Null, Scalar, Sequence, Mapping };

  Kind kind = Kind::Null;
  // For scalars: true when written quoted or as a block scalar, or tagged
  // !!str; such a scalar is always a string, never a number or boolean.
  bool quoted = false;
  std::string text;               // scalar text
  std::vector<SourceNode> items;  // sequence items, or mapping members in order
  std::string key;                // for mapping members: the key
  SourceLocation location;        // of the value
  SourceLocation key_location;    // for mapping members: of the key

  static SourceNode null(SourceLocation loc = {});
  static SourceNode scalar(std::string text, SourceLocation loc = {}, bool quoted = false);
  static SourceNode sequence(SourceLocation loc = {});
  static SourceNode mapping(SourceLocation loc = {});

  bool is_null() const { return kind == Kind::Null; }
  bool is_scalar() const { return kind == Kind::Scalar; }
  bool is_sequence() const { return kind == Kind::Sequence; }
  bool is_mapping() const { return kind == Kind::Mapping; }

  // Mapping lookup (linear: mappings in specs are small).
  const SourceNode* find(std::string_view k) const;
  SourceNode* find(std::string_view k);
  // Adds or replaces member `k`; returns it.
  SourceNode& set(std::string k, SourceNode value);
  bool erase(std::string_view k);

  // What the scalar would be read as without quotes (YAML 1.2 core schema).
  enum class ScalarType { String, Integer, Float, Boolean, Null };
  ScalarType scalar_type() const;

  // "a mapping", "a string", "a number", ... for messages.
  std::string describe() const;
};

// Total number of nodes in the tree (for budgets).
size_t count_nodes(const SourceNode& n);

}  // namespace ivcapgen::spec
