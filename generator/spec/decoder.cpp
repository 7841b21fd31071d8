#include "spec/decoder.h"

#include <cmath>

namespace ivcapgen::spec {

namespace {

using ScalarType = SourceNode::ScalarType;

std::string quote_hint(const SourceNode& n) {
  return "quote it to keep it as written: \"" + n.text + "\"";
}

void check_choice(const SourceNode& n, const std::string& value, DecodeContext& ctx,
                  const FieldDoc& doc, std::string_view what) {
  if (doc.choices.empty()) return;
  for (std::string_view c : doc.choices) {
    if (c == value) return;
  }
  auto& d = ctx.sink.error(n.location, "invalid value '" + value + "' for " + std::string(what) +
                                           "; expected " + diag::join_alternatives(doc.choices));
  d.rule = "decode";
  if (auto s = diag::closest_match(value, doc.choices)) d.suggestion = *s;
}

}  // namespace

void report_type_mismatch(const SourceNode& n, DecodeContext& ctx, std::string_view expected,
                          std::string_view what) {
  auto& d = ctx.sink.error(n.location, "expected " + std::string(expected) + " for " +
                                           std::string(what) + ", got " + n.describe());
  d.rule = "decode";
  if (n.is_scalar() && expected == "a string") d.note = quote_hint(n);
}

void decode_value(const SourceNode& n, Located<std::string>& out, DecodeContext& ctx,
                  const FieldDoc& doc, std::string_view what) {
  out.location = n.location;
  out.present = true;
  // A plain 1.30 is the number 1.3: refusing it here catches the classic
  // version-number trap instead of silently emitting "1.3".
  if (!n.is_scalar() || n.scalar_type() != ScalarType::String) {
    report_type_mismatch(n, ctx, "a string", what);
    return;
  }
  out.value = n.text;
  check_choice(n, out.value, ctx, doc, what);
}

void decode_value(const SourceNode& n, Located<int64_t>& out, DecodeContext& ctx, const FieldDoc&,
                  std::string_view what) {
  out.location = n.location;
  out.present = true;
  if (!n.is_scalar() || n.scalar_type() != ScalarType::Integer) {
    report_type_mismatch(n, ctx, "an integer", what);
    return;
  }
  const std::string& s = n.text;
  const char* begin = s.data() + (s.starts_with('+') ? 1 : 0);
  int64_t v = 0;
  auto [ptr, ec] = std::from_chars(begin, s.data() + s.size(), v);
  if (ec != std::errc() || ptr != s.data() + s.size()) {
    ctx.sink.error(n.location, "integer " + s + " for " + std::string(what) + " is out of range")
        .rule = "decode";
    return;
  }
  out.value = v;
}

void decode_value(const SourceNode& n, Located<double>& out, DecodeContext& ctx, const FieldDoc&,
                  std::string_view what) {
  out.location = n.location;
  out.present = true;
  auto type = n.is_scalar() ? n.scalar_type() : ScalarType::Null;
  if (type != ScalarType::Integer && type != ScalarType::Float) {
    report_type_mismatch(n, ctx, "a number", what);
    return;
  }
  double v = std::strtod(n.text.c_str(), nullptr);
  if (!std::isfinite(v)) {
    ctx.sink.error(n.location, "number " + n.text + " for " + std::string(what) + " is not finite")
        .rule = "decode";
    return;
  }
  out.value = v;
}

void decode_value(const SourceNode& n, Located<bool>& out, DecodeContext& ctx, const FieldDoc&,
                  std::string_view what) {
  out.location = n.location;
  out.present = true;
  if (!n.is_scalar() || n.scalar_type() != ScalarType::Boolean) {
    report_type_mismatch(n, ctx, "a boolean (true or false)", what);
    return;
  }
  out.value = n.text[0] == 't' || n.text[0] == 'T';
}

void decode_value(const SourceNode& n, SourceNode& out, DecodeContext&, const FieldDoc&,
                  std::string_view) {
  out = n;
}

void StructDecoder::mark_used(std::string_view key) {
  for (size_t i = 0; i < node_.items.size(); ++i) {
    if (node_.items[i].key == key) used_[i] = true;
  }
}

void StructDecoder::finish() {
  for (size_t i = 0; i < node_.items.size(); ++i) {
    if (used_[i]) continue;
    const SourceNode& member = node_.items[i];
    auto& d = ctx_.sink.error(member.key_location,
                              "unknown key '" + member.key + "' in " + std::string(what_));
    d.rule = "decode";
    if (auto s = diag::closest_match(member.key, known_)) {
      d.suggestion = *s;
    } else if (!known_.empty()) {
      d.note = "known keys: " + diag::join_alternatives(known_, ", ");
    }
  }
}

}  // namespace ivcapgen::spec
