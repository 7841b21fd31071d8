#pragma once
// The bearer token of a local environment (runtime/README.md 1.1): one
// random secret in `.ivcapgen/<env>/token`, mode 0600, created by the first
// apply and kept until `destroy --purge`, so that a user's scripts keep
// working across re-applies. Its value is never printed or logged.
#include <filesystem>
#include <optional>
#include <string>

namespace ivcapgen::deploy::local {

// 32 random bytes from the kernel, as 64 lowercase hex characters.
std::string generate_token();

// Creates the token file when it does not exist (`created` tells); then
// reads it. Refuses a file that others may read (the runtime would refuse it
// too, and its token may have leaked) with advice on what to do.
std::optional<std::string> ensure_token_file(const std::filesystem::path& file, bool& created,
                                             std::string& error);

// Reads an existing token file (same checks, no creation).
std::optional<std::string> read_token_file(const std::filesystem::path& file, std::string& error);

}  // namespace ivcapgen::deploy::local
