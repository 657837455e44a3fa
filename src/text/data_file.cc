#include "text/data_file.h"

#include <fmt/format.h>

#include <fstream>
#include <sstream>

#include "text/utf8.h"

namespace frontline::text {

std::string_view TrimField(std::string_view s) {
  while (!s.empty() && (s.back() == '\r' || s.back() == ' ' || s.back() == '\t'))
    s.remove_suffix(1);
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  return s;
}

bool SplitTabFields(std::string_view line, std::string_view* fields, size_t n) {
  for (size_t k = 0; k + 1 < n; ++k) {
    const size_t tab = line.find('\t');
    if (tab == std::string_view::npos) return false;
    fields[k] = TrimField(line.substr(0, tab));
    line.remove_prefix(tab + 1);
  }
  fields[n - 1] = TrimField(line);
  return true;
}

Result<std::string> ReadDataFile(const std::string& path, std::string_view what) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::Error(fmt::format("{}: cannot open {}", path, what));
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

Status ForEachDataLine(std::string_view contents, std::string_view name,
                       const std::function<Status(size_t, std::string_view)>& entry) {
  size_t line_no = 0;
  for (size_t pos = 0; pos < contents.size();) {
    size_t eol = contents.find('\n', pos);
    if (eol == std::string_view::npos) eol = contents.size();
    const std::string_view line = TrimField(contents.substr(pos, eol - pos));
    pos = eol + 1;
    ++line_no;
    if (line.empty() || line.front() == '#') continue;
    if (const size_t bad = FindInvalidUtf8(line); bad != std::string_view::npos) {
      // Dictionaries are UTF-8 (docs/dictionaries.md); anything else would match nothing.
      return Status::Error(
          fmt::format("{}:{}: not valid UTF-8 at byte {} of the line (save the "
                      "file as UTF-8)",
                      name, line_no, bad + 1));
    }
    if (Status s = entry(line_no, line); !s.ok()) return s;
  }
  return Status::Ok();
}

}  // namespace frontline::text
