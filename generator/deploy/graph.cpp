#include "deploy/graph.h"

#include <map>
#include <set>
#include <sstream>

#include "deploy/stages.h"

namespace ivcapgen::deploy {

namespace {

std::string dot_id(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

std::string gate_id(int wave) {
  return "gate" + std::to_string(wave);
}

struct WaveNodes {
  std::vector<std::pair<std::string, std::string>> nodes;  // id, label
  std::set<std::string> roots;                             // start after the previous gate
  std::set<std::string> leaves;                            // lead to this wave's gate
  std::vector<std::pair<std::string, std::string>> edges;
};

std::string plural(size_t n, const char* word) {
  return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

std::map<int, WaveNodes> collect(const DesiredState& d) {
  std::map<int, WaveNodes> waves;
  for (const auto& s : cloud_stages()) waves[s.wave];
  if (d.has_terraform()) {
    auto& w = waves[0];
    w.nodes.push_back({"terraform", "terraform/\\n" + plural(d.terraform_files.size(), "file")});
    w.roots.insert("terraform");
    w.leaves.insert("terraform");
  }
  {
    auto& w = waves[1];
    w.nodes.push_back({"kubeconfig", "kubeconfig\\n(from Terraform outputs or --context)"});
    w.roots.insert("kubeconfig");
    w.leaves.insert("kubeconfig");
  }
  std::map<std::string, size_t> objects_per_file;
  for (const auto& o : d.objects) ++objects_per_file[o.file];
  for (const auto& o : d.objects) {
    auto& w = waves[o.wave];
    const std::string id = "file:" + o.file;
    if (w.roots.count(id)) continue;
    w.nodes.push_back({id, o.file + "\\n" + plural(objects_per_file[o.file], "object")});
    w.roots.insert(id);
    w.leaves.insert(id);
  }
  std::set<std::string> depended_on;
  for (const auto& r : d.releases) {
    for (const auto& dep : r.depends_on) depended_on.insert(dep);
  }
  for (const auto& r : d.releases) {
    auto& w = waves[r.wave];
    const std::string id = "release:" + r.name;
    w.nodes.push_back({id, r.name + "\\n" + r.chart + " " + r.version + "\\n(" + r.ns + ")"});
    if (r.depends_on.empty()) w.roots.insert(id);
    if (!depended_on.count(r.name)) w.leaves.insert(id);
    for (const auto& dep : r.depends_on) w.edges.push_back({"release:" + dep, id});
  }
  for (const auto& s : d.services) {
    auto& w = waves[s.wave];
    const std::string id = "service:" + s.name;
    w.nodes.push_back({id, "register " + s.name});
    w.roots.insert(id);
    w.leaves.insert(id);
  }
  return waves;
}

}  // namespace

std::string render_graph_dot(const DesiredState& desired) {
  auto waves = collect(desired);
  std::ostringstream out;
  out << "digraph " << dot_id("ivcapgen " + desired.environment) << " {\n"
      << "  rankdir=LR;\n  compound=true;\n"
      << "  node [shape=box, style=rounded, fontname=\"Helvetica\", fontsize=10];\n"
      << "  edge [color=\"#555555\"];\n";
  std::string previous_gate;
  for (const auto& s : cloud_stages()) {
    const WaveNodes& w = waves[s.wave];
    out << "\n  subgraph " << dot_id("cluster_wave" + std::to_string(s.wave)) << " {\n"
        << "    label="
        << dot_id("wave " + std::to_string(s.wave) + ": " + std::string(s.name) + " (" +
                  std::string(s.layer) + ")")
        << ";\n    style=dashed;\n";
    for (const auto& [id, label] : w.nodes) {
      out << "    " << dot_id(id) << " [label=" << dot_id(label) << "];\n";
    }
    out << "    " << dot_id(gate_id(s.wave))
        << " [label=" << dot_id("gate " + std::to_string(s.wave))
        << ", shape=diamond, style=filled, fillcolor=\"#eeeeee\"];\n  }\n";
    for (const auto& [from, to] : w.edges)
      out << "  " << dot_id(from) << " -> " << dot_id(to) << ";\n";
    if (!previous_gate.empty()) {
      if (w.roots.empty()) {
        out << "  " << dot_id(previous_gate) << " -> " << dot_id(gate_id(s.wave)) << ";\n";
      }
      for (const auto& r : w.roots)
        out << "  " << dot_id(previous_gate) << " -> " << dot_id(r) << ";\n";
    }
    for (const auto& l : w.leaves)
      out << "  " << dot_id(l) << " -> " << dot_id(gate_id(s.wave)) << ";\n";
    previous_gate = gate_id(s.wave);
  }
  // A registration needs the objects of its service.
  for (const auto& s : desired.services) {
    for (const auto& o : desired.objects) {
      if (o.object.is_object() && o.object.contains("metadata") &&
          o.object["metadata"].value("labels", Json::object()).value("ivcap.io/service", "") ==
              s.name) {
        out << "  " << dot_id("file:" + o.file) << " -> " << dot_id("service:" + s.name)
            << " [style=dotted];\n";
        break;
      }
    }
  }
  out << "}\n";
  return out.str();
}

}  // namespace ivcapgen::deploy
