#pragma once
// Human progress of a deploy, for stderr: a line when a wave starts, one per
// step, and one when the wave ends, each with the time elapsed in the wave.
// Silent when given no stream (--no-progress, -q). The clock is injected so
// tests can see stable times.
#include <chrono>
#include <functional>
#include <ostream>
#include <string>
#include <string_view>

namespace ivcapgen::deploy {

class Progress {
 public:
  using Clock = std::function<std::chrono::steady_clock::time_point()>;

  explicit Progress(std::ostream* out, Clock clock = &std::chrono::steady_clock::now)
      : out_(out), clock_(std::move(clock)), start_(clock_()) {}

  //   wave 3 components: started
  void wave_started(int wave, std::string_view name);
  //   wave 3 components +1.2 s: helm upgrade --install cert-manager
  // Outside a wave (planning before the first one), since the start:
  //   preparing +0.4 s: terraform init
  void step(std::string_view description);
  //   wave 3 components: done in 45.1 s   |   wave 3 components: FAILED after 3.0 s
  void wave_finished(bool ok);
  //   wave 3 components: skipped (--from-wave 4)
  void wave_skipped(int wave, std::string_view name, std::string_view why);
  // A line of its own, outside any wave.
  void note(std::string_view text);

  bool enabled() const { return out_ != nullptr; }

 private:
  std::string prefix() const;
  std::ostream* out_;
  Clock clock_;
  std::chrono::steady_clock::time_point start_;
  int wave_ = -1;
  std::string wave_name_;
  std::chrono::steady_clock::time_point wave_start_{};
};

}  // namespace ivcapgen::deploy
