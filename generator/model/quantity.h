#pragma once
// Kubernetes resource quantities ("500m", "2Gi", "1e3"): parsing for
// validation and comparison, and a canonical form so that drift sees
// `1000m` and `1` as the same.
#include <optional>
#include <string>
#include <string_view>

namespace ivcapgen::model {

// A quantity as an exact rational in thousandths ("milli-units"), which
// covers every suffix Kubernetes allows for CPU and memory in practice.
struct Quantity {
  long double milli = 0;  // value * 1000
};

std::optional<Quantity> parse_quantity(std::string_view text);
bool is_quantity(std::string_view text);
// Kubernetes' canonical string: "1" for "1000m", "1Gi" for "1024Mi", ...
std::string canonical_quantity(std::string_view text);

// Durations such as "15m", "1h30m", "90s".
std::optional<long long> parse_duration_seconds(std::string_view text);

}  // namespace ivcapgen::model
