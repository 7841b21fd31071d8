#include "tools/tool_result.h"

namespace ivcapgen::tools {

std::string ToolError::text() const {
  std::string s = message;
  for (const auto& d : details) s += "\n  " + d;
  return s;
}

}  // namespace ivcapgen::tools
