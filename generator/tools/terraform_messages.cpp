#include "tools/terraform_messages.h"

#include <algorithm>

#include "tools/tool_output.h"

namespace ivcapgen::tools {

using nlohmann::json;

namespace {

int int_at(const json& j, const char* pointer) {
  const json::json_pointer p(pointer);
  if (!j.contains(p) || !j.at(p).is_number_integer()) return 0;
  return j.at(p).get<int>();
}

bool bool_at(const json& j, const char* key) {
  return j.is_object() && j.contains(key) && j[key].is_boolean() && j[key].get<bool>();
}

TerraformDiagnostic diagnostic_from(const json& d) {
  TerraformDiagnostic diag;
  diag.severity = string_at(d, "/severity");
  diag.summary = string_at(d, "/summary");
  diag.detail = string_at(d, "/detail");
  diag.filename = string_at(d, "/range/filename");
  diag.line = int_at(d, "/range/start/line");
  diag.column = int_at(d, "/range/start/column");
  return diag;
}

TerraformChange change_from(const json& change) {
  return {string_at(change, "/resource/addr"), string_at(change, "/action")};
}

std::vector<TerraformResourceChange> resource_changes_from(const json& list) {
  std::vector<TerraformResourceChange> changes;
  if (!list.is_array()) return changes;
  for (const auto& rc : list) {
    TerraformResourceChange c;
    c.address = string_at(rc, "/address");
    c.mode = string_at(rc, "/mode");
    c.type = string_at(rc, "/type");
    c.name = string_at(rc, "/name");
    if (rc.contains("change") && rc["change"].is_object()) {
      const auto& change = rc["change"];
      if (change.contains("actions") && change["actions"].is_array()) {
        for (const auto& a : change["actions"]) {
          if (a.is_string()) c.actions.push_back(a.get<std::string>());
        }
      }
      c.before = change.value("before", json());
      c.after = change.value("after", json());
    }
    changes.push_back(std::move(c));
  }
  std::stable_sort(changes.begin(), changes.end(),
                   [](const auto& a, const auto& b) { return a.address < b.address; });
  return changes;
}

void collect_strings(const json& j, std::vector<std::string>& out) {
  if (j.is_string()) {
    out.push_back(j.get<std::string>());
  } else if (j.is_structured()) {
    for (const auto& item : j) collect_strings(item, out);
  } else if (j.is_number()) {
    out.push_back(j.dump());
  }
}

}  // namespace

std::string TerraformDiagnostic::to_string() const {
  std::string s;
  if (!filename.empty()) {
    s += filename;
    if (line > 0) {  // piecewise: ":" + std::to_string() trips GCC 12 -O3 -Wrestrict
      s += ':';
      s += std::to_string(line);
      s += ':';
      s += std::to_string(column);
    }
    s += ": ";
  }
  s += (severity.empty() ? std::string("error") : severity) + ": " + summary;
  if (!detail.empty()) {
    std::string flat = detail;
    std::replace(flat.begin(), flat.end(), '\n', ' ');
    s += ": " + flat;
  }
  return s;
}

std::vector<TerraformDiagnostic> TerraformStream::errors() const {
  std::vector<TerraformDiagnostic> out;
  std::copy_if(diagnostics.begin(), diagnostics.end(), std::back_inserter(out),
               [](const auto& d) { return d.severity != "warning"; });
  return out;
}

std::vector<TerraformDiagnostic> TerraformStream::warnings() const {
  std::vector<TerraformDiagnostic> out;
  std::copy_if(diagnostics.begin(), diagnostics.end(), std::back_inserter(out),
               [](const auto& d) { return d.severity == "warning"; });
  return out;
}

bool add_terraform_message(const json& message, TerraformStream& stream) {
  if (!message.is_object() || !message.contains("type") || !message["type"].is_string()) {
    return false;
  }
  const std::string type = message["type"].get<std::string>();
  if (type == "version") {
    stream.terraform_version = string_at(message, "/terraform");
  } else if (type == "diagnostic" && message.contains("diagnostic")) {
    stream.diagnostics.push_back(diagnostic_from(message["diagnostic"]));
  } else if (type == "planned_change" && message.contains("change")) {
    stream.planned.push_back(change_from(message["change"]));
  } else if (type == "resource_drift" && message.contains("change")) {
    stream.drift.push_back(change_from(message["change"]));
  } else if (type == "apply_complete" && message.contains("hook")) {
    stream.applied.push_back(change_from(message["hook"]));
  } else if (type == "apply_errored" && message.contains("hook")) {
    stream.apply_errored.push_back(string_at(message, "/hook/resource/addr"));
  } else if (type == "change_summary") {
    TerraformChangeSummary s;
    s.add = int_at(message, "/changes/add");
    s.change = int_at(message, "/changes/change");
    s.remove = int_at(message, "/changes/remove");
    s.import = int_at(message, "/changes/import");
    s.operation = string_at(message, "/changes/operation");
    stream.summary = s;
  }
  return true;
}

TerraformStream parse_terraform_stream(std::string_view text) {
  TerraformStream stream;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view line = text.substr(start, end - start);
    start = end + 1;
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    const json message = json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (message.is_discarded() || !add_terraform_message(message, stream)) {
      stream.other_lines.emplace_back(line);
    }
  }
  return stream;
}

std::string TerraformResourceChange::action() const {
  if (actions.size() == 2) return "replace";
  if (actions.size() == 1) return actions[0];
  return actions.empty() ? "no-op" : "unknown";
}

const TerraformResourceChange* TerraformPlanDocument::find(std::string_view address) const {
  for (const auto& c : resource_changes) {
    if (c.address == address) return &c;
  }
  return nullptr;
}

ToolResult<TerraformPlanDocument> parse_terraform_plan_document(std::string_view json_text) {
  auto parsed = parse_json_output("terraform show -json", json_text);
  if (!parsed) return parsed.error();
  json& doc = parsed.value();
  if (!doc.is_object() || !doc.contains("format_version")) {
    return ToolError{"terraform show -json did not print a plan (no format_version)", {}};
  }
  TerraformPlanDocument plan;
  plan.format_version = string_at(doc, "/format_version");
  plan.terraform_version = string_at(doc, "/terraform_version");
  plan.resource_changes = resource_changes_from(doc.value("resource_changes", json::array()));
  plan.resource_drift = resource_changes_from(doc.value("resource_drift", json::array()));
  plan.errored = bool_at(doc, "errored");
  plan.document = std::move(doc);
  return plan;
}

const TerraformOutput* TerraformOutputs::find(std::string_view name) const {
  const auto it = outputs.find(std::string(name));
  return it == outputs.end() ? nullptr : &it->second;
}

std::string TerraformOutputs::describe() const {
  std::string s;
  for (const auto& [name, output] : outputs) {
    s += name + " = " +
         (output.sensitive ? std::string("(sensitive value)") : output.value.dump()) + "\n";
  }
  return s;
}

std::vector<std::string> TerraformOutputs::sensitive_strings() const {
  std::vector<std::string> out;
  for (const auto& [name, output] : outputs) {
    if (output.sensitive) collect_strings(output.value, out);
  }
  return out;
}

ToolResult<TerraformOutputs> parse_terraform_outputs(std::string_view json_text) {
  auto parsed = parse_json_output("terraform output -json", json_text);
  if (!parsed) return parsed.error();
  const json& doc = parsed.value();
  if (!doc.is_object()) return ToolError{"terraform output -json did not print an object", {}};
  TerraformOutputs outputs;
  for (const auto& [name, entry] : doc.items()) {
    if (!entry.is_object() || !entry.contains("value")) {
      return ToolError{"terraform output -json: output '" + name + "' has no value", {}};
    }
    TerraformOutput o;
    o.sensitive = bool_at(entry, "sensitive");
    o.type = entry.value("type", json());
    o.value = entry["value"];
    outputs.outputs.emplace(name, std::move(o));
  }
  return outputs;
}

ToolResult<TerraformVersion> parse_terraform_version(std::string_view json_text) {
  auto parsed = parse_json_output("terraform version -json", json_text);
  if (!parsed) return parsed.error();
  const json& doc = parsed.value();
  TerraformVersion v;
  v.version = string_at(doc, "/terraform_version");
  v.platform = string_at(doc, "/platform");
  if (v.version.empty()) return ToolError{"terraform version -json printed no version", {}};
  if (doc.contains("provider_selections") && doc["provider_selections"].is_object()) {
    for (const auto& [provider, version] : doc["provider_selections"].items()) {
      if (version.is_string()) v.provider_selections[provider] = version.get<std::string>();
    }
  }
  return v;
}

}  // namespace ivcapgen::tools
