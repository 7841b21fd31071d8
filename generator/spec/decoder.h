#pragma once
// Strict decoding of SourceNode trees into model structs. A struct declares
// its fields once, in `describe(V&, T&)` next to its definition; this visitor
// reads them, the SchemaWriter turns the same declarations into JSON Schema
// and the JsonWriter into plan-input.json. Unknown keys, wrong types and bad
// enum values become diagnostics with did-you-mean; decoding never stops at
// the first problem.
#include <charconv>
#include <map>
#include <string>
#include <vector>

#include "diag/diagnostic.h"
#include "diag/suggest.h"
#include "model/located.h"
#include "spec/node.h"

namespace ivcapgen::model {
struct SecretRef;
struct Controller;
struct ParameterOption;
struct ScalarValue;
}  // namespace ivcapgen::model

namespace ivcapgen::spec {

using model::FieldDoc;
using model::Located;

struct DecodeContext {
  diag::DiagnosticSink& sink;
};

class StructDecoder;

// --- scalar and container decoding -------------------------------------
void decode_value(const SourceNode& n, Located<std::string>& out, DecodeContext& ctx,
                  const FieldDoc& doc, std::string_view what);
void decode_value(const SourceNode& n, Located<int64_t>& out, DecodeContext& ctx,
                  const FieldDoc& doc, std::string_view what);
void decode_value(const SourceNode& n, Located<double>& out, DecodeContext& ctx,
                  const FieldDoc& doc, std::string_view what);
void decode_value(const SourceNode& n, Located<bool>& out, DecodeContext& ctx, const FieldDoc& doc,
                  std::string_view what);
void decode_value(const SourceNode& n, SourceNode& out, DecodeContext& ctx, const FieldDoc& doc,
                  std::string_view what);
// Types with their own rules (decode_custom.cpp).
void decode_value(const SourceNode& n, Located<model::ScalarValue>& out, DecodeContext& ctx,
                  const FieldDoc& doc, std::string_view what);
void decode_value(const SourceNode& n, Located<model::ParameterOption>& out, DecodeContext& ctx,
                  const FieldDoc& doc, std::string_view what);
void decode_value(const SourceNode& n, Located<model::SecretRef>& out, DecodeContext& ctx,
                  const FieldDoc& doc, std::string_view what);
void decode_value(const SourceNode& n, Located<model::Controller>& out, DecodeContext& ctx,
                  const FieldDoc& doc, std::string_view what);
// Reports "expected X, got Y" at n.
void report_type_mismatch(const SourceNode& n, DecodeContext& ctx, std::string_view expected,
                          std::string_view what);

template <class T>
void decode_value(const SourceNode& n, Located<std::vector<T>>& out, DecodeContext& ctx,
                  const FieldDoc& doc, std::string_view what);
template <class T>
void decode_value(const SourceNode& n, Located<std::map<std::string, T>>& out, DecodeContext& ctx,
                  const FieldDoc& doc, std::string_view what);
template <class T>
auto decode_value(const SourceNode& n, Located<T>& out, DecodeContext& ctx, const FieldDoc& doc,
                  std::string_view what)
    -> decltype(describe(std::declval<StructDecoder&>(), out.value), void());

// Decodes the members of one mapping into the fields a struct declares.
class StructDecoder {
 public:
  StructDecoder(const SourceNode& mapping, DecodeContext& ctx, std::string_view what)
      : node_(mapping), ctx_(ctx), what_(what), used_(mapping.items.size(), false) {}

  static constexpr bool kDecoding = true;

  template <class T>
  void field(std::string_view key, T& out, const FieldDoc& doc = {}) {
    known_.emplace_back(key);
    for (size_t i = 0; i < node_.items.size(); ++i) {
      const SourceNode& member = node_.items[i];
      if (member.key != key) continue;
      used_[i] = true;
      if (member.is_null() && !doc.required) return;  // `key:` or `key: null` means "not set"
      decode_value(member, out, ctx_, doc, key);
      return;
    }
    if (doc.required) {
      auto& d = ctx_.sink.error(node_.location, "missing required key '" + std::string(key) +
                                                    "' in " + std::string(what_));
      d.rule = "decode";
    }
  }

  // Marks a key as handled by custom code (e.g. a discriminator).
  void accept(std::string_view key) {
    known_.emplace_back(key);
    mark_used(key);
  }
  const SourceNode& node() const { return node_; }
  DecodeContext& context() { return ctx_; }

  // Reports every member no field claimed, with did-you-mean.
  void finish();

 private:
  void mark_used(std::string_view key);

  const SourceNode& node_;
  DecodeContext& ctx_;
  std::string_view what_;
  std::vector<bool> used_;
  std::vector<std::string_view> known_;
};

template <class T>
void decode_value(const SourceNode& n, Located<std::vector<T>>& out, DecodeContext& ctx,
                  const FieldDoc& doc, std::string_view what) {
  out.location = n.location;
  out.present = true;
  if (!n.is_sequence()) {
    report_type_mismatch(n, ctx, "a list", what);
    return;
  }
  out.value.clear();
  out.value.reserve(n.items.size());
  FieldDoc item_doc{doc.text, false, doc.choices};
  for (size_t i = 0; i < n.items.size(); ++i) {
    T item{};
    std::string item_what = std::string(what) + "[" + std::to_string(i) + "]";
    decode_value(n.items[i], item, ctx, item_doc, item_what);
    out.value.push_back(std::move(item));
  }
}

template <class T>
void decode_value(const SourceNode& n, Located<std::map<std::string, T>>& out, DecodeContext& ctx,
                  const FieldDoc& doc, std::string_view what) {
  out.location = n.location;
  out.present = true;
  if (!n.is_mapping()) {
    report_type_mismatch(n, ctx, "a mapping", what);
    return;
  }
  out.value.clear();
  FieldDoc item_doc{doc.text, false, doc.choices};
  for (const auto& member : n.items) {
    T item{};
    decode_value(member, item, ctx, item_doc, member.key);
    // A map entry is located at its key: diagnostics about the entry as a
    // whole (an unknown component name, say) point there.
    if constexpr (requires { item.location; }) item.location = member.key_location;
    out.value.emplace(member.key, std::move(item));
  }
}

template <class T>
auto decode_value(const SourceNode& n, Located<T>& out, DecodeContext& ctx, const FieldDoc&,
                  std::string_view what)
    -> decltype(describe(std::declval<StructDecoder&>(), out.value), void()) {
  out.location = n.location;
  out.present = true;
  if (!n.is_mapping()) {
    report_type_mismatch(n, ctx, "a mapping", what);
    return;
  }
  StructDecoder d(n, ctx, what);
  describe(d, out.value);
  d.finish();
}

// Decodes a whole document into T (which must have describe()).
template <class T>
Located<T> decode_document(const SourceNode& doc, diag::DiagnosticSink& sink,
                           std::string_view what) {
  DecodeContext ctx{sink};
  Located<T> out;
  decode_value(doc, out, ctx, FieldDoc{}, what);
  return out;
}

}  // namespace ivcapgen::spec
