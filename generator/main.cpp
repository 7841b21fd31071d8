// argv → command; nothing else.
#include <iostream>

#include "cli/cli.h"

int main(int argc, char** argv) {
  return ivcapgen::cli::run(argc, argv, std::cout, std::cerr);
}
