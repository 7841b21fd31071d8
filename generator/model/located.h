#pragma once
// A model field: its value, where it was written, and whether it was written
// at all (a field left out keeps its default, located at the enclosing
// mapping so diagnostics still have a place to point at).
#include <span>
#include <string>
#include <string_view>

#include "diag/source.h"

namespace ivcapgen::model {

using diag::SourceLocation;

template <class T>
struct Located {
  T value{};
  SourceLocation location;
  bool present = false;

  Located() = default;
  Located(T v) : value(std::move(v)) {}  // NOLINT: defaults read naturally as `Located<int> n = 1`

  const T& operator*() const { return value; }
  T& operator*() { return value; }
  const T* operator->() const { return &value; }
  T* operator->() { return &value; }
};

// Documentation and constraints of one field, shared by the decoder, the
// JSON Schema generator and `ivcapgen defaults`.
struct FieldDoc {
  constexpr FieldDoc() = default;
  constexpr FieldDoc(std::string_view t, bool req = false,
                     std::span<const std::string_view> ch = {})
      : text(t), required(req), choices(ch) {}

  std::string_view text;
  bool required = false;
  std::span<const std::string_view> choices;  // allowed values of a string field (static arrays)
};

}  // namespace ivcapgen::model
