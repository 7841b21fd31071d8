#pragma once
// The two ways a component can refuse to start. main() turns them into an
// exit code: UsageError -> 64 (bad argv), StartupError -> 1 (environment).
#include <stdexcept>
#include <string>

namespace ivcap::runtime {

class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class StartupError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace ivcap::runtime
