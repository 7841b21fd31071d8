#include "deploy/local/loopback_http.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstring>

namespace ivcapgen::deploy::local {

namespace {

using Clock = std::chrono::steady_clock;

constexpr size_t kMaxResponseBytes = 256u << 20;

std::optional<in_addr> loopback_address(const std::string& host) {
  in_addr addr{};
  std::string numeric = host == "localhost" ? std::string("127.0.0.1") : host;
  if (inet_pton(AF_INET, numeric.c_str(), &addr) != 1) return std::nullopt;
  if ((ntohl(addr.s_addr) >> 24) != 127) return std::nullopt;
  return addr;
}

int remaining_ms(Clock::time_point deadline) {
  auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
  return left.count() > 0 ? static_cast<int>(left.count()) : 0;
}

// A connected, non-blocking socket, or -1 with `error` set.
int connect_loopback(const std::string& host, int port, Clock::time_point deadline,
                     std::string& error) {
  auto addr = loopback_address(host);
  if (!addr) {
    error = "'" + host + "' is not a loopback address";
    return -1;
  }
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (fd < 0) {
    error = std::string("cannot create a socket: ") + std::strerror(errno);
    return -1;
  }
  sockaddr_in sa{};
  sa.sin_family = AF_INET;
  sa.sin_port = htons(static_cast<uint16_t>(port));
  sa.sin_addr = *addr;
  if (::connect(fd, reinterpret_cast<sockaddr*>(&sa), sizeof sa) == 0) return fd;
  if (errno != EINPROGRESS) {
    error = std::strerror(errno);
    ::close(fd);
    return -1;
  }
  pollfd p{fd, POLLOUT, 0};
  int n = ::poll(&p, 1, remaining_ms(deadline));
  if (n <= 0) {
    error = n == 0 ? "connection timed out" : std::strerror(errno);
    ::close(fd);
    return -1;
  }
  int so_error = 0;
  socklen_t len = sizeof so_error;
  ::getsockopt(fd, SOL_SOCKET, SO_ERROR, &so_error, &len);
  if (so_error != 0) {
    error = std::strerror(so_error);
    ::close(fd);
    return -1;
  }
  return fd;
}

bool write_all(int fd, std::string_view data, Clock::time_point deadline, std::string& error) {
  size_t done = 0;
  while (done < data.size()) {
    ssize_t n = ::send(fd, data.data() + done, data.size() - done, MSG_NOSIGNAL);
    if (n > 0) {
      done += static_cast<size_t>(n);
      continue;
    }
    if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
      error = std::string("cannot send the request: ") + std::strerror(errno);
      return false;
    }
    pollfd p{fd, POLLOUT, 0};
    if (::poll(&p, 1, remaining_ms(deadline)) <= 0) {
      error = "timed out sending the request";
      return false;
    }
  }
  return true;
}

bool read_all(int fd, std::string& out, Clock::time_point deadline, std::string& error) {
  char buf[16384];
  for (;;) {
    ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n > 0) {
      out.append(buf, static_cast<size_t>(n));
      if (out.size() > kMaxResponseBytes) {
        error = "response larger than 256 MiB";
        return false;
      }
      continue;
    }
    if (n == 0) return true;
    if (errno == EINTR) continue;
    if (errno != EAGAIN && errno != EWOULDBLOCK) {
      error = std::string("cannot read the response: ") + std::strerror(errno);
      return false;
    }
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, remaining_ms(deadline)) <= 0) {
      error = "timed out waiting for the response";
      return false;
    }
  }
}

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

bool decode_chunked(std::string_view in, std::string& out) {
  size_t pos = 0;
  for (;;) {
    size_t eol = in.find("\r\n", pos);
    if (eol == std::string_view::npos) return false;
    std::string size_text(in.substr(pos, eol - pos));
    size_t size = 0;
    try {
      size = std::stoul(size_text, nullptr, 16);
    } catch (const std::exception&) {
      return false;
    }
    pos = eol + 2;
    if (size == 0) return true;
    if (pos + size > in.size()) return false;
    out.append(in.substr(pos, size));
    pos += size + 2;
  }
}

bool parse_response(const std::string& raw, HttpResponse& response, std::string& error) {
  size_t head_end = raw.find("\r\n\r\n");
  if (head_end == std::string::npos) {
    error = raw.empty() ? "the server closed the connection without answering"
                        : "malformed HTTP response";
    return false;
  }
  std::string_view head(raw.data(), head_end);
  size_t line_end = head.find("\r\n");
  std::string_view status_line = head.substr(0, line_end);
  if (status_line.substr(0, 5) != "HTTP/" || status_line.size() < 12) {
    error = "malformed HTTP status line";
    return false;
  }
  response.status = std::atoi(std::string(status_line.substr(9, 3)).c_str());
  size_t pos = line_end == std::string_view::npos ? head.size() : line_end + 2;
  while (pos < head.size()) {
    size_t end = head.find("\r\n", pos);
    if (end == std::string_view::npos) end = head.size();
    std::string_view line = head.substr(pos, end - pos);
    size_t colon = line.find(':');
    if (colon != std::string_view::npos) {
      std::string value(line.substr(colon + 1));
      size_t first = value.find_first_not_of(" \t");
      value = first == std::string::npos ? "" : value.substr(first);
      while (!value.empty() && (value.back() == ' ' || value.back() == '\t')) value.pop_back();
      response.headers[lower(std::string(line.substr(0, colon)))] = value;
    }
    pos = end + 2;
  }
  std::string_view body(raw.data() + head_end + 4, raw.size() - head_end - 4);
  auto te = response.headers.find("transfer-encoding");
  if (te != response.headers.end() && lower(te->second).find("chunked") != std::string::npos) {
    if (!decode_chunked(body, response.body)) {
      error = "malformed chunked response body";
      return false;
    }
    return true;
  }
  auto cl = response.headers.find("content-length");
  if (cl != response.headers.end()) {
    size_t length = std::strtoull(cl->second.c_str(), nullptr, 10);
    if (length > body.size()) {
      error = "response body shorter than its Content-Length";
      return false;
    }
    body = body.substr(0, length);
  }
  response.body = std::string(body);
  return true;
}

}  // namespace

std::optional<LoopbackUrl> parse_loopback_url(const std::string& url) {
  constexpr std::string_view kScheme = "http://";
  if (url.rfind(kScheme, 0) != 0) return std::nullopt;
  std::string rest = url.substr(kScheme.size());
  size_t slash = rest.find('/');
  std::string authority = rest.substr(0, slash);
  LoopbackUrl out;
  out.path = slash == std::string::npos ? "/" : rest.substr(slash);
  size_t colon = authority.rfind(':');
  if (colon == std::string::npos || colon + 1 >= authority.size()) return std::nullopt;
  out.host = authority.substr(0, colon);
  std::string port = authority.substr(colon + 1);
  if (port.size() > 5 || port.find_first_not_of("0123456789") != std::string::npos) {
    return std::nullopt;
  }
  out.port = std::stoi(port);
  if (out.port < 1 || out.port > 65535 || !loopback_address(out.host)) return std::nullopt;
  return out;
}

HttpOutcome send_request(const HttpRequest& request) {
  HttpOutcome outcome;
  auto deadline = Clock::now() + request.timeout;
  int fd = connect_loopback(request.host, request.port, deadline, outcome.error);
  if (fd < 0) return outcome;
  std::string text = request.method + " " + request.target + " HTTP/1.1\r\nHost: " + request.host +
                     ":" + std::to_string(request.port) +
                     "\r\nConnection: close\r\nUser-Agent: ivcapgen\r\n";
  for (const auto& [name, value] : request.headers) text += name + ": " + value + "\r\n";
  if (!request.body.empty() || request.method == "POST" || request.method == "PUT") {
    text += "Content-Length: " + std::to_string(request.body.size()) + "\r\n";
  }
  text += "\r\n";
  text += request.body;
  std::string raw;
  if (write_all(fd, text, deadline, outcome.error) && read_all(fd, raw, deadline, outcome.error)) {
    HttpResponse response;
    if (parse_response(raw, response, outcome.error)) outcome.response = std::move(response);
  }
  ::close(fd);
  return outcome;
}

bool port_accepts_connections(const std::string& host, int port,
                              std::chrono::milliseconds timeout) {
  std::string error;
  int fd = connect_loopback(host, port, Clock::now() + timeout, error);
  if (fd < 0) return false;
  ::close(fd);
  return true;
}

std::string encode_path_segment(std::string_view segment) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : segment) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~' || c == ':') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

}  // namespace ivcapgen::deploy::local
