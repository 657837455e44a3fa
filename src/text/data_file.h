// Reading the project's plain-text data files (dictionaries, word lists): one entry a line,
// '#' starting a comment line, blank lines ignored.
#ifndef FRONTLINE_TEXT_DATA_FILE_H_
#define FRONTLINE_TEXT_DATA_FILE_H_

#include <functional>
#include <string>
#include <string_view>

#include "status/status.h"

namespace frontline::text {

// The whole file at `path`; fails with "PATH: cannot open <what>" when it cannot be read.
Result<std::string> ReadDataFile(const std::string& path, std::string_view what);

// Calls `entry(line_number, line)` for each line of `contents` that is neither blank nor a
// comment, with surrounding spaces, tabs and a carriage return trimmed (tabs inside the line
// are kept: they separate fields). Stops at the first failed Status and returns it, or at the
// first line that is not valid UTF-8 ("NAME:LINE: not valid UTF-8 at byte B").
Status ForEachDataLine(
    std::string_view contents, std::string_view name,
    const std::function<Status(size_t line_number, std::string_view line)>& entry);

// Splits `line` at its first n-1 TABs into `fields[0..n)`, each trimmed; the last field takes
// the rest of the line. False when the line has fewer than n-1 TABs.
bool SplitTabFields(std::string_view line, std::string_view* fields, size_t n);

// `s` without leading and trailing spaces, tabs and carriage returns.
std::string_view TrimField(std::string_view s);

}  // namespace frontline::text

#endif  // FRONTLINE_TEXT_DATA_FILE_H_
