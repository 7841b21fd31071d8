#include "deploy/progress.h"

#include <cstdio>

namespace ivcapgen::deploy {

namespace {

std::string seconds(std::chrono::steady_clock::duration d) {
  const double s = std::chrono::duration<double>(d).count();
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f s", s < 0 ? 0.0 : s);
  return buf;
}

}  // namespace

std::string Progress::prefix() const {
  return "wave " + std::to_string(wave_) + " " + wave_name_;
}

void Progress::wave_started(int wave, std::string_view name) {
  wave_ = wave;
  wave_name_ = std::string(name);
  wave_start_ = clock_();
  if (out_) *out_ << prefix() << ": started\n" << std::flush;
}

void Progress::step(std::string_view description) {
  if (!out_) return;
  if (wave_ < 0) {
    *out_ << "preparing +" << seconds(clock_() - start_) << ": " << description << "\n"
          << std::flush;
    return;
  }
  *out_ << prefix() << " +" << seconds(clock_() - wave_start_) << ": " << description << "\n"
        << std::flush;
}

void Progress::wave_finished(bool ok) {
  if (out_) {
    *out_ << prefix() << ": " << (ok ? "done in " : "FAILED after ")
          << seconds(clock_() - wave_start_) << "\n"
          << std::flush;
  }
  wave_ = -1;
  wave_name_.clear();
}

void Progress::wave_skipped(int wave, std::string_view name, std::string_view why) {
  if (out_) *out_ << "wave " << wave << " " << name << ": skipped (" << why << ")\n" << std::flush;
}

void Progress::note(std::string_view text) {
  if (out_) *out_ << text << "\n" << std::flush;
}

}  // namespace ivcapgen::deploy
