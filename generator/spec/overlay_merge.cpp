#include "spec/overlay_merge.h"

#include <algorithm>

namespace ivcapgen::spec {

namespace {

const SourceNode* name_of(const SourceNode& item) {
  const SourceNode* name = item.is_mapping() ? item.find("name") : nullptr;
  return name && name->is_scalar() ? name : nullptr;
}

bool all_named(const SourceNode& list) {
  return std::all_of(list.items.begin(), list.items.end(),
                     [](const SourceNode& item) { return name_of(item) != nullptr; });
}

// Returns the patch directive of a mapping ("replace"), reporting bad ones.
std::string patch_directive(const SourceNode& patch, diag::DiagnosticSink& sink) {
  const SourceNode* directive = patch.find("$patch");
  if (!directive) return "";
  if (!directive->is_scalar() || directive->text != "replace") {
    auto& d = sink.error(directive->location, "unsupported $patch directive '" +
                                                  (directive->is_scalar() ? directive->text : "") +
                                                  "'; only 'replace' is supported");
    d.rule = "overlay";
    return "invalid";
  }
  return "replace";
}

SourceNode without_directive(const SourceNode& patch) {
  SourceNode copy = patch;
  copy.erase("$patch");
  return copy;
}

void replace_with(SourceNode& base, const SourceNode& patch) {
  std::string key = base.key;
  SourceLocation key_location = base.key_location;
  base = patch;
  base.key = std::move(key);
  if (!base.key_location.valid()) base.key_location = std::move(key_location);
}

void merge_named_lists(SourceNode& base, const SourceNode& patch, diag::DiagnosticSink& sink) {
  for (const SourceNode& item : patch.items) {
    const std::string& name = name_of(item)->text;
    auto it = std::find_if(base.items.begin(), base.items.end(),
                           [&](const SourceNode& b) { return name_of(b)->text == name; });
    if (it == base.items.end()) {
      base.items.push_back(without_directive(item));
    } else {
      strategic_merge(*it, item, sink);
    }
  }
  base.location = patch.location;
}

}  // namespace

void strategic_merge(SourceNode& base, const SourceNode& patch, diag::DiagnosticSink& sink) {
  if (patch.is_mapping() && base.is_mapping()) {
    std::string directive = patch_directive(patch, sink);
    if (directive == "invalid") return;
    if (directive == "replace") {
      replace_with(base, without_directive(patch));
      return;
    }
    for (const SourceNode& member : patch.items) {
      if (member.key == "$patch") continue;
      if (member.is_null()) {
        base.erase(member.key);
        continue;
      }
      if (SourceNode* existing = base.find(member.key)) {
        strategic_merge(*existing, member, sink);
        existing->key_location = member.key_location;
      } else {
        SourceNode added = member;
        if (added.is_mapping()) added = without_directive(added);
        base.items.push_back(std::move(added));
      }
    }
    return;
  }
  if (patch.is_sequence() && base.is_sequence() && !patch.items.empty() && all_named(patch) &&
      all_named(base)) {
    merge_named_lists(base, patch, sink);
    return;
  }
  if (patch.is_mapping()) {
    if (patch_directive(patch, sink) == "invalid") return;
    replace_with(base, without_directive(patch));
    return;
  }
  replace_with(base, patch);
}

}  // namespace ivcapgen::spec
