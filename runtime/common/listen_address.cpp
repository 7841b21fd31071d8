#include "common/listen_address.h"

#include <arpa/inet.h>

#include <charconv>

namespace ivcap::runtime {

std::optional<ListenAddress> parse_listen_address(std::string_view text, std::string& why) {
  auto colon = text.rfind(':');
  if (colon == std::string_view::npos) {
    why = "expected HOST:PORT, e.g. 127.0.0.1:8080";
    return std::nullopt;
  }
  std::string host(text.substr(0, colon));
  std::string_view port_text = text.substr(colon + 1);
  int port = -1;
  auto [end, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
  if (ec != std::errc() || end != port_text.data() + port_text.size() || port < 0 || port > 65535) {
    why = "port '" + std::string(port_text) + "' is not a number in 0..65535";
    return std::nullopt;
  }
  if (host == "localhost") host = "127.0.0.1";
  in_addr addr{};
  if (inet_pton(AF_INET, host.c_str(), &addr) != 1) {
    why = "host '" + host + "' is not an IPv4 address";
    return std::nullopt;
  }
  if ((ntohl(addr.s_addr) >> 24) != 127) {
    why = "host '" + host + "' is not a loopback address; runtime components listen on 127.0.0.1";
    return std::nullopt;
  }
  return ListenAddress{host, port};
}

}  // namespace ivcap::runtime
