#pragma once
// Small value types shared by environments and services.
#include <map>
#include <string>
#include <vector>

#include "model/located.h"

namespace ivcapgen::model {

using Text = Located<std::string>;
using Int = Located<int64_t>;
using Flag = Located<bool>;
using TextList = Located<std::vector<Text>>;
using TextMap = Located<std::map<std::string, Text>>;

// Kubernetes-style amounts ("500m", "2Gi"); validated as quantities.
struct ResourceAmounts {
  Text cpu;
  Text memory;
  Text ephemeral_storage;
};

template <class V>
void describe(V& v, ResourceAmounts& r) {
  v.field("cpu", r.cpu, {"CPU as a Kubernetes quantity, e.g. 500m or 2"});
  v.field("memory", r.memory, {"Memory as a Kubernetes quantity, e.g. 512Mi or 4Gi"});
  v.field("ephemeral-storage", r.ephemeral_storage, {"Scratch disk as a Kubernetes quantity"});
}

struct ResourceRequirements {
  Located<ResourceAmounts> requests;
  Located<ResourceAmounts> limits;
};

template <class V>
void describe(V& v, ResourceRequirements& r) {
  v.field("requests", r.requests, {"What the scheduler reserves"});
  v.field("limits", r.limits, {"The most the container may use"});
}

inline ResourceAmounts amounts(std::string cpu, std::string memory) {
  ResourceAmounts a;
  a.cpu = std::move(cpu);
  a.memory = std::move(memory);
  return a;
}

}  // namespace ivcapgen::model
