#pragma once
// Results of running an external tool, as values. An adapter never throws for
// an expected failure (a tool missing, a non-zero exit, a timeout, malformed
// output); it returns a ToolError that the caller turns into a diagnostic.
#include <stdexcept>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace ivcapgen::tools {

struct ToolError {
  // One line saying what failed and how: "terraform plan failed: exited with status 1".
  std::string message;
  // Supporting lines: tool diagnostics ("main.tf:2:11: error: ...") or the
  // tail of its stderr.
  std::vector<std::string> details;

  // The message followed by the details, one per line, indented by two spaces.
  std::string text() const;
};

// For operations that produce nothing but success.
struct Done {
  bool operator==(const Done&) const = default;
};

template <typename T>
class ToolResult {
 public:
  ToolResult(T value) : v_(std::in_place_index<0>, std::move(value)) {}
  ToolResult(ToolError error) : v_(std::in_place_index<1>, std::move(error)) {}

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }

  // Calling value() on an error (or error() on a value) is a programming error.
  T& value() & { return checked_value(); }
  const T& value() const& { return const_cast<ToolResult*>(this)->checked_value(); }
  T&& value() && { return std::move(checked_value()); }
  T* operator->() { return &checked_value(); }
  const T* operator->() const { return &value(); }
  T& operator*() { return checked_value(); }
  const T& operator*() const { return value(); }

  const ToolError& error() const {
    if (ok()) throw std::logic_error("ToolResult::error() called on a value");
    return std::get<1>(v_);
  }

 private:
  T& checked_value() {
    if (!ok()) throw std::logic_error("ToolResult::value() called on an error: " + error().message);
    return std::get<0>(v_);
  }
  std::variant<T, ToolError> v_;
};

}  // namespace ivcapgen::tools
