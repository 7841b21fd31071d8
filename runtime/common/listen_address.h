#pragma once
// `--listen HOST:PORT`. Runtime components listen on loopback only: HOST is
// 127.0.0.1 (or another 127.x.y.z) or `localhost`; PORT 0 asks the kernel
// for a free port (see --port-file).
#include <optional>
#include <string>
#include <string_view>

namespace ivcap::runtime {

struct ListenAddress {
  std::string host;  // numeric, e.g. "127.0.0.1"
  int port = 0;
};

// Returns the parsed address, or an error message in `why`.
std::optional<ListenAddress> parse_listen_address(std::string_view text, std::string& why);

}  // namespace ivcap::runtime
