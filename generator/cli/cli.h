#pragma once
#include <ostream>

namespace ivcapgen::cli {

// Runs the command line; returns the process exit code (SPEC 5).
int run(int argc, char** argv, std::ostream& out, std::ostream& err);

}  // namespace ivcapgen::cli
