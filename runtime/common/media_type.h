#pragma once
// A media type for a file name, from its extension (result files, files
// served from app-server sites). Unknown: application/octet-stream.
#include <string>
#include <string_view>

namespace ivcap::runtime {

std::string media_type_for(std::string_view file_name);

}  // namespace ivcap::runtime
